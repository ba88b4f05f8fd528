<?php
/**
 * The blocks: each blocks/<name>/block.json (written by `npm run build:wordpress` from
 * custom-elements.json), the editor's script build/blocks.js (built with @wordpress/scripts), the
 * widgets themselves in the editor for its preview, and a questionnaire's pasted definition.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

add_action(
	'init',
	static function () {
		$asset_file = VOIX_PLUGIN_DIR . 'build/blocks.asset.php';
		if ( ! file_exists( $asset_file ) ) {
			return;
		}
		$asset = require $asset_file;
		wp_register_script( 'voix-blocks', plugins_url( 'build/blocks.js', VOIX_PLUGIN_FILE ), $asset['dependencies'], $asset['version'], true );
		wp_register_style( 'voix-blocks', plugins_url( 'build/blocks.css', VOIX_PLUGIN_FILE ), array(), $asset['version'] );
		// languages/voix-<locale>-voix-blocks.json, written from the .po by the build.
		wp_set_script_translations( 'voix-blocks', 'voix', VOIX_PLUGIN_DIR . 'languages' );
		foreach ( glob( VOIX_PLUGIN_DIR . 'blocks/*/block.json' ) as $metadata ) {
			register_block_type( dirname( $metadata ) );
		}
	}
);

// The editor shows the real widgets: the same files as the pages, and the site's settings.
add_action(
	'enqueue_block_editor_assets',
	static function () {
		voix_enqueue_widgets( false );
		$editor = array(
			'config'  => (object) voix_config_attributes(),
			'contact' => voix_settings()['contact'],
		);
		wp_add_inline_script( 'voix-blocks', 'window.voixBlocks = ' . wp_json_encode( $editor ) . ';', 'before' );
	}
);

/**
 * A questionnaire's pasted definition, written when the page is shown as the element's
 * <script type="application/json"> child: WordPress would strip a <script> an Éditeur saves. The
 * JSON is written again by PHP (no "</script>" can close the tag early); unreadable, nothing is
 * written and the widget says so in the browser's console.
 */
add_filter(
	'render_block_voix/survey',
	static function ( $content, $block ) {
		$text  = $block['attrs']['definitionText'] ?? '';
		$value = is_string( $text ) && '' !== trim( $text ) ? json_decode( $text ) : null;
		if ( null === $value ) {
			return $content;
		}
		$json = wp_json_encode( $value, JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_UNICODE | JSON_UNESCAPED_SLASHES );
		return preg_replace_callback(
			'/<voix-survey\b[^>]*>/',
			static fn ( $tag ) => $tag[0] . '<script type="application/json">' . $json . '</script>',
			$content,
			1
		);
	},
	10,
	2
);
