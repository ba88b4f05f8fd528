<?php
/**
 * Réglages → Voix: where the answers go and how the widgets look, stored in one option, voix_settings.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

const VOIX_OPTION = 'voix_settings';

/** The languages the widgets ship (src/locales); empty: the page's own language. */
const VOIX_LOCALES = array( '', 'fr', 'en', 'de', 'es', 'ar' );

/** The settings as saved, each with its default. */
function voix_settings(): array {
	$saved = get_option( VOIX_OPTION, array() );
	return array_merge(
		array(
			'endpoint'   => '',
			'site'       => '',
			'results'    => '',
			'privacy'    => '',
			'contact'    => '',
			'locale'     => '',
			'theme'      => 'default',
			'everywhere' => false,
		),
		is_array( $saved ) ? $saved : array()
	);
}

/**
 * An absolute http(s) address, or null. `{subject}` (in the results address) is allowed; a path
 * starting with "/" too when $path_allowed (a page of this site).
 */
function voix_checked_url( string $value, bool $path_allowed = false ): ?string {
	$value = trim( $value );
	if ( $path_allowed && str_starts_with( $value, '/' ) && ! str_starts_with( $value, '//' ) ) {
		$value = home_url( $value );
	}
	$plain = str_replace( '{subject}', 'subject', $value );
	if ( ! filter_var( $plain, FILTER_VALIDATE_URL ) || ! in_array( wp_parse_url( $plain, PHP_URL_SCHEME ), array( 'http', 'https' ), true ) ) {
		return null;
	}
	return $value;
}

/**
 * The sanitize callback of voix_settings: each address checked; a bad one is refused with a notice
 * and the saved value kept.
 *
 * @param mixed $input What the form posted.
 */
function voix_sanitize_settings( $input ): array {
	$input    = is_array( $input ) ? wp_unslash( $input ) : array();
	$previous = voix_settings();
	$clean    = $previous;
	$labels   = voix_setting_labels();
	foreach ( array( 'endpoint', 'results', 'privacy', 'contact' ) as $key ) {
		$value = trim( (string) ( $input[ $key ] ?? '' ) );
		if ( '' === $value ) {
			$clean[ $key ] = '';
			continue;
		}
		$url = voix_checked_url( $value, in_array( $key, array( 'privacy', 'contact' ), true ) );
		// WordPress runs this callback twice on the first save (update_option, then add_option): one notice.
		$told = in_array( 'voix-bad-' . $key, array_column( get_settings_errors( VOIX_OPTION ), 'code' ), true );
		if ( null === $url ) {
			$told || add_settings_error(
				VOIX_OPTION,
				'voix-bad-' . $key,
				/* translators: 1: the setting's label, 2: the value typed. */
				sprintf( __( '%1$s: « %2$s » is not a web address (https://…). The previous value is kept.', 'voix' ), $labels[ $key ], $value )
			);
			continue;
		}
		// esc_url_raw drops braces: the results address keeps its {subject} as the widgets read it.
		$clean[ $key ] = str_replace( 'voix-subject-placeholder', '{subject}', esc_url_raw( str_replace( '{subject}', 'voix-subject-placeholder', $url ) ) );
	}
	$clean['site']   = sanitize_title( (string) ( $input['site'] ?? '' ) );
	$locale              = (string) ( $input['locale'] ?? '' );
	$clean['locale']     = in_array( $locale, VOIX_LOCALES, true ) ? $locale : '';
	$clean['theme']      = 'dsfr' === ( $input['theme'] ?? '' ) ? 'dsfr' : 'default';
	$clean['everywhere'] = ! empty( $input['everywhere'] );
	return $clean;
}

function voix_setting_labels(): array {
	return array(
		'endpoint'   => __( 'Collector address', 'voix' ),
		'site'       => __( 'Site name', 'voix' ),
		'results'    => __( 'Results address', 'voix' ),
		'privacy'    => __( 'Privacy notice', 'voix' ),
		'contact'    => __( 'Contact page (without JavaScript)', 'voix' ),
		'locale'     => __( 'Language of the widgets', 'voix' ),
		'theme'      => __( 'Appearance', 'voix' ),
		'everywhere' => __( 'Feedback on every page', 'voix' ),
	);
}

add_action(
	'admin_init',
	static function () {
		register_setting(
			'voix',
			VOIX_OPTION,
			array(
				'type'              => 'object',
				'sanitize_callback' => 'voix_sanitize_settings',
				'default'           => array(),
			)
		);
		add_settings_section( 'voix_main', '', '__return_false', 'voix' );
		$help = array(
			'endpoint'   => __( 'Where the widgets send the answers, for example https://avis.ma-commune.fr/v1/events.', 'voix' ),
			'site'       => __( 'The name of this site for the collector (letters, digits and dashes), for example ma-commune.', 'voix' ),
			'results'    => __( 'Where polls and petitions read their results; {subject} is replaced, for example https://avis.ma-commune.fr/v1/results/{subject}?site=ma-commune.', 'voix' ),
			'privacy'    => __( 'The page that says what is done with the answers (an address, or a path such as /confidentialite).', 'voix' ),
			'contact'    => __( 'Where the link shown without JavaScript leads (an address, or a path such as /contact).', 'voix' ),
			'everywhere' => __( 'Adds « Was this page useful? » after the content of every page and post shown on its own.', 'voix' ),
		);
		foreach ( voix_setting_labels() as $key => $label ) {
			add_settings_field(
				'voix_' . $key,
				$label,
				'voix_setting_field',
				'voix',
				'voix_main',
				array(
					'key'       => $key,
					'label_for' => 'voix_' . $key,
					'help'      => $help[ $key ] ?? '',
				)
			);
		}
	}
);

/** One field of the settings page. */
function voix_setting_field( array $args ): void {
	$key   = $args['key'];
	$value = voix_settings()[ $key ];
	$name  = VOIX_OPTION . '[' . $key . ']';
	$id    = 'voix_' . $key;
	$help  = $args['help'] ? $id . '_help' : '';
	if ( 'locale' === $key ) {
		$names = array(
			''   => __( 'The language of the page', 'voix' ),
			'fr' => 'Français',
			'en' => 'English',
			'de' => 'Deutsch',
			'es' => 'Español',
			'ar' => 'العربية',
		);
		printf( '<select id="%s" name="%s">', esc_attr( $id ), esc_attr( $name ) );
		foreach ( $names as $code => $label ) {
			printf( '<option value="%s"%s>%s</option>', esc_attr( $code ), selected( $value, $code, false ), esc_html( $label ) );
		}
		echo '</select>';
	} elseif ( 'theme' === $key ) {
		printf( '<select id="%s" name="%s">', esc_attr( $id ), esc_attr( $name ) );
		printf( '<option value="default"%s>%s</option>', selected( $value, 'default', false ), esc_html__( 'Default', 'voix' ) );
		printf( '<option value="dsfr"%s>%s</option>', selected( $value, 'dsfr', false ), esc_html__( 'DSFR (State websites only)', 'voix' ) );
		echo '</select>';
	} elseif ( 'everywhere' === $key ) {
		printf(
			'<input type="checkbox" id="%s" name="%s" value="1"%s aria-describedby="%s">',
			esc_attr( $id ),
			esc_attr( $name ),
			checked( $value, true, false ),
			esc_attr( $help )
		);
	} else {
		printf(
			'<input type="%s" class="regular-text" id="%s" name="%s" value="%s"%s>',
			'site' === $key ? 'text' : 'url',
			esc_attr( $id ),
			esc_attr( $name ),
			esc_attr( $value ),
			$help ? ' aria-describedby="' . esc_attr( $help ) . '"' : ''
		);
	}
	if ( $help ) {
		printf( '<p class="description" id="%s">%s</p>', esc_attr( $help ), esc_html( $args['help'] ) );
	}
}

add_action(
	'admin_menu',
	static function () {
		add_options_page( __( 'Voix', 'voix' ), __( 'Voix', 'voix' ), 'manage_options', 'voix', 'voix_settings_page' );
	}
);

/** The page itself; WordPress prints the notices of options-general.php pages (options-head.php). */
function voix_settings_page(): void {
	if ( ! current_user_can( 'manage_options' ) ) {
		return;
	}
	echo '<div class="wrap"><h1>' . esc_html__( 'Voix', 'voix' ) . '</h1>';
	voix_test_connection_notice();
	echo '<p>' . esc_html__( 'The widgets send the answers to your collector. Place them with the [voix] shortcode or in a « Custom HTML » block.', 'voix' ) . '</p>';
	echo '<form method="post" action="options.php" novalidate>';
	settings_fields( 'voix' );
	do_settings_sections( 'voix' );
	submit_button();
	echo '</form>';
	voix_test_connection_form();
	echo '</div>';
}
