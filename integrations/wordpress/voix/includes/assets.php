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
		if ( ! voix_page_has_widget() ) {
			return;
		}
		// A folder per version (assets/voix-<version>/): voix.js keeps its name, so a new plugin
		// version must change its address or browsers would keep an old one importing gone chunks.
		// No ?ver=: the chunks import './voix.js', which must be the very module the page loaded.
		$url = plugins_url( VOIX_ASSETS, VOIX_PLUGIN_FILE );
		wp_enqueue_style( 'voix', $url . 'voix.css', array(), null );
		if ( 'dsfr' === voix_settings()['theme'] ) {
			wp_enqueue_style( 'voix-dsfr', $url . 'voix-dsfr.css', array( 'voix' ), null );
		}
		if ( function_exists( 'wp_enqueue_script_module' ) ) {
			wp_enqueue_script_module( 'voix', $url . 'voix.js', array(), null );
		} else {
			wp_enqueue_script( 'voix', $url . 'voix.js', array(), null, false );
		}
	}
);

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
 * The settings reach every widget of the content through one <voix-config> around it, rather than
 * as attributes of each element: the elements an Éditeur types in a « Custom HTML » block carry no
 * endpoint, and pages already published follow a change of collector without being edited again.
 * After the shortcodes (priority 11), so that their elements are inside.
 */
add_filter(
	'the_content',
	static function ( $content ) {
		if ( ! is_string( $content ) || ! str_contains( $content, '<voix-' ) || str_contains( $content, '<voix-config' ) ) {
			return $content;
		}
		return voix_config_tag() . $content . '</voix-config>';
	},
	20
);

/** The opening <voix-config> with the settings that are set. */
function voix_config_tag(): string {
	$settings   = voix_settings();
	$attributes = array(
		'endpoint'     => $settings['endpoint'],
		'site'         => $settings['site'],
		'results'      => $settings['results'],
		'privacy-href' => $settings['privacy'] ? $settings['privacy'] : get_privacy_policy_url(),
		'lang'         => $settings['locale'],
	);
	$html = '<voix-config';
	foreach ( array_filter( $attributes ) as $name => $value ) {
		$html .= ' ' . $name . '="' . esc_attr( $value ) . '"';
	}
	return $html . '>';
}
