<?php
/**
 * KSES: the voix-* elements with their documented attributes kept in the content of everyone who
 * cannot post unfiltered HTML (Auteurs, Contributeurs, and Éditeurs too under DISALLOW_UNFILTERED_HTML
 * or on a multisite). Nothing else is loosened: no script, no event handler, no style.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

add_filter(
	'wp_kses_allowed_html',
	/**
	 * @param array<string, mixed> $tags    What KSES allows in this context.
	 * @param string|array         $context 'post' for the content of posts, pages and blocks.
	 */
	static function ( $tags, $context ) {
		// 'post' only: comments ('data'), titles and excerpts keep WordPress's lists.
		if ( 'post' !== $context || ! is_array( $tags ) ) {
			return $tags;
		}
		foreach ( VOIX_ELEMENTS as $tag => $attributes ) {
			$tags[ $tag ] = array_fill_keys( array_keys( $attributes ), true );
		}
		foreach ( VOIX_CHILDREN as $tag => $attributes ) {
			$tags[ $tag ] = array_merge( $tags[ $tag ] ?? array(), array_fill_keys( $attributes, true ) );
		}
		return $tags;
	},
	10,
	2
);
