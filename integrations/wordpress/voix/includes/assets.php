<?php
/**
 * Loading: voix.js as a module, voix.css (and voix-dsfr.css), only on pages whose content holds a
 * voix-* element or the shortcode; the settings given to the widgets by a <voix-config> around that
 * content.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

/** Whether a post of the current query holds a widget (the voix_load_assets filter can force it). */
function voix_page_has_widget(): bool {
	global $wp_query;
	$found = false;
	if ( ! is_admin() && $wp_query instanceof WP_Query ) {
		foreach ( (array) $wp_query->posts as $post ) {
			if ( $post instanceof WP_Post && ( str_contains( $post->post_content, '<voix-' ) || has_shortcode( $post->post_content, 'voix' ) ) ) {
				$found = true;
				break;
			}
		}
	}
	return (bool) apply_filters( 'voix_load_assets', $found );
}

add_action(
	'wp_enqueue_scripts',
	static function () {
		if ( voix_page_has_widget() ) {
			voix_enqueue_widgets( function_exists( 'wp_enqueue_script_module' ) );
		}
	}
);

/**
 * voix.js and voix.css (and voix-dsfr.css when that theme is chosen), from the plugin's folder.
 *
 * @param bool $as_script_module Through WordPress 6.5's script modules; else a classic script
 *                               that the script_loader_tag filter below makes a module (the
 *                               editor's pages always: script modules reach the admin later).
 */
function voix_enqueue_widgets( bool $as_script_module ): void {
	// A folder per version (assets/voix-<version>/): voix.js keeps its name, so a new plugin
	// version must change its address or browsers would keep an old one importing gone chunks.
	// No ?ver=: the chunks import './voix.js', which must be the very module the page loaded.
	$url = plugins_url( VOIX_ASSETS, VOIX_PLUGIN_FILE );
	wp_enqueue_style( 'voix', $url . 'voix.css', array(), null );
	if ( 'dsfr' === voix_settings()['theme'] ) {
		wp_enqueue_style( 'voix-dsfr', $url . 'voix-dsfr.css', array( 'voix' ), null );
	}
	if ( $as_script_module ) {
		wp_enqueue_script_module( 'voix', $url . 'voix.js', array(), null );
	} else {
		wp_enqueue_script( 'voix', $url . 'voix.js', array(), null, false );
	}
}

// Before WordPress 6.5 (no script modules): the classic script's tag made a module.
add_filter(
	'script_loader_tag',
	static function ( $tag, $handle ) {
		if ( 'voix' !== $handle ) {
			return $tag;
		}
		$tag = preg_replace( '/\stype=([\'"])[^\'"]*\1/', '', $tag );
		return str_replace( '<script ', '<script type="module" ', $tag );
	},
	10,
	2
);

/**
 * The settings reach the widgets through a <voix-config> around each one, rather than as
 * attributes of each element: the elements an Éditeur types in a « Custom HTML » block carry no
 * endpoint, and pages already published follow a change of collector without being edited again.
 * Around each widget, not around the whole content: <voix-config> is `display: contents`, and a
 * block theme's layout (`.is-layout-constrained > *`: the content's width) would no longer reach the
 * blocks inside it. The <div> keeps a hand-typed widget a child of that layout.
 * After the shortcodes (priority 11), so that their elements are there.
 */
add_filter(
	'the_content',
	static function ( $content ) {
		return is_string( $content ) && str_contains( $content, '<voix-' ) ? voix_configure_widgets( $content ) : $content;
	},
	20
);

/**
 * Each outermost voix-* element of $content in `<div class="voix-widget"><voix-config …>`; what is
 * already inside a <voix-config> of the page's own is left to it.
 */
function voix_configure_widgets( string $content ): string {
	preg_match_all( '#<(/?)voix-([a-z]+)\b[^>]*>#', $content, $tags, PREG_OFFSET_CAPTURE | PREG_SET_ORDER );
	$html  = '';
	$from  = 0;
	$depth = 0;
	$open  = false;
	foreach ( $tags as $tag ) {
		[ $whole, $at ] = $tag[0];
		$closing        = '/' === $tag[1][0];
		if ( ! $closing && 0 === $depth && 'config' !== $tag[2][0] ) {
			$html .= substr( $content, $from, $at - $from ) . '<div class="voix-widget">' . voix_config_tag();
			$from  = $at;
			$open  = true;
		}
		$depth = max( 0, $depth + ( $closing ? -1 : 1 ) );
		if ( $closing && 0 === $depth && $open ) {
			$end   = $at + strlen( $whole );
			$html .= substr( $content, $from, $end - $from ) . '</voix-config></div>';
			$from  = $end;
			$open  = false;
		}
	}
	// An element left unclosed: its wrapper closes with the content.
	return $html . substr( $content, $from ) . ( $open ? '</voix-config></div>' : '' );
}

/** The <voix-config> attributes from the settings that are set (the editor's preview uses them too). */
function voix_config_attributes(): array {
	$settings = voix_settings();
	return array_filter(
		array(
			'endpoint'     => $settings['endpoint'],
			'site'         => $settings['site'],
			'results'      => $settings['results'],
			'privacy-href' => $settings['privacy'] ? $settings['privacy'] : get_privacy_policy_url(),
			'lang'         => $settings['locale'],
		)
	);
}

/** The opening <voix-config> with the settings that are set. */
function voix_config_tag(): string {
	$html = '<voix-config';
	foreach ( voix_config_attributes() as $name => $value ) {
		$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	return $html . '>';
}
