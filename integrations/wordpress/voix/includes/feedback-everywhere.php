<?php
/**
 * « Avis sur chaque page »: a <voix-feedback> after the content of every page and post shown on its
 * own, when the setting is on; the scripts loaded there.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

/** Whether this request shows one page or post whose content gets the feedback. */
function voix_feedback_everywhere(): bool {
	return voix_settings()['everywhere'] && ! is_admin() && ! is_feed() && is_singular();
}

add_filter(
	'voix_load_assets',
	static function ( $load ) {
		return $load || voix_feedback_everywhere();
	}
);

/**
 * After the shortcodes (11), so that a [voix widget="feedback"] already there counts, and before
 * the <voix-config> wrapper (20), so that the feedback is inside it. The post's own content only:
 * not an excerpt (wp_trim_excerpt runs the_content), not a query of a theme's sidebar.
 */
add_filter(
	'the_content',
	static function ( $content ) {
		if ( ! is_string( $content ) || ! voix_feedback_everywhere() || ! in_the_loop() || ! is_main_query()
			|| doing_filter( 'get_the_excerpt' ) || str_contains( $content, '<voix-feedback' ) ) {
			return $content;
		}
		// The page's address as its subject: the same page keeps its answers, whatever the permalinks.
		$subject  = substr( wp_make_link_relative( (string) get_permalink() ), 0, 512 );
		$contact  = voix_settings()['contact'];
		$fallback = $contact ? '<a href="' . esc_url( $contact ) . '">' . esc_html__( 'Give us your opinion', 'voix' ) . '</a>' : '';
		return $content . '<voix-feedback subject="' . esc_attr( $subject ) . '">' . $fallback . '</voix-feedback>';
	},
	15
);
