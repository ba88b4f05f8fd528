<?php
/**
 * The [voix] shortcode, for the classic editor and page builders:
 * [voix widget="poll" subject="mobilites" question="…" options="Vélo|Bus|Voiture"].
 * Each attribute the element documents is passed on (privacy_href works as privacy-href);
 * the content between [voix] and [/voix], or a link to the contact page, is the no-JavaScript fallback.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

add_shortcode( 'voix', 'voix_shortcode' );

/**
 * @param array|string $atts    The shortcode's attributes; a bare word (multiple) is a boolean set.
 * @param string|null  $content What is between [voix] and [/voix].
 */
function voix_shortcode( $atts, $content = null ): string {
	$atts   = is_array( $atts ) ? $atts : array();
	$widget = sanitize_key( (string) ( $atts['widget'] ?? 'feedback' ) );
	$tag    = 'voix-' . $widget;
	if ( 'voix-config' === $tag || ! isset( VOIX_ELEMENTS[ $tag ] ) ) {
		// Told to whoever can fix the page, silent for visitors.
		return current_user_can( 'edit_posts' )
			/* translators: %s: the widget's name as typed. */
			? '<p>' . esc_html( sprintf( __( 'Voix: unknown widget « %s ».', 'voix' ), $widget ) ) . '</p>'
			: '';
	}
	$documented = VOIX_ELEMENTS[ $tag ];
	$html       = '<' . $tag;
	foreach ( $atts as $name => $value ) {
		if ( is_int( $name ) ) {
			// [voix widget="poll" multiple]: the word alone.
			$name  = (string) $value;
			$value = 'true';
		}
		$name = str_replace( '_', '-', strtolower( $name ) );
		if ( ! isset( $documented[ $name ] ) ) {
			continue;
		}
		if ( 'boolean' === $documented[ $name ] ) {
			$html .= in_array( strtolower( (string) $value ), array( '', 'false', '0', 'no', 'non' ), true ) ? '' : ' ' . $name;
		} else {
			$html .= ' ' . $name . '="' . esc_attr( (string) $value ) . '"';
		}
	}
	$html .= '>';
	if ( 'voix-poll' === $tag && ! empty( $atts['options'] ) ) {
		foreach ( array_filter( array_map( 'trim', explode( '|', (string) $atts['options'] ) ) ) as $label ) {
			$html .= '<option value="' . esc_attr( sanitize_title( $label ) ) . '">' . esc_html( $label ) . '</option>';
		}
	}
	return $html . voix_fallback( $atts, $content ) . '</' . $tag . '>';
}

/** What shows without JavaScript: the shortcode's content, else a link to the contact page. */
function voix_fallback( array $atts, ?string $content ): string {
	if ( null !== $content && '' !== trim( $content ) ) {
		return wp_kses_post( $content );
	}
	$settings = voix_settings();
	$href     = $settings['contact'] ? $settings['contact'] : home_url( '/' );
	$text     = $atts['fallback'] ?? __( 'Give us your opinion', 'voix' );
	return '<a href="' . esc_url( $href ) . '">' . esc_html( $text ) . '</a>';
}
