<?php
/**
 * Plugin Name:       Voix
 * Plugin URI:        https://github.com/voix-collectivites/voix
 * Description:       Widgets to collect the opinion of users and staff (feedback, rating, poll, petition, ideas, reports, surveys), sent to your own collector.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            Voix
 * License:           MIT
 * Text Domain:       voix
 * Domain Path:       /languages
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

define( 'VOIX_PLUGIN_FILE', __FILE__ );
define( 'VOIX_PLUGIN_DIR', plugin_dir_path( __FILE__ ) );

// Written by `npm run build:wordpress` from custom-elements.json: each voix-* element and its attributes.
require_once VOIX_PLUGIN_DIR . 'includes/elements.php';
require_once VOIX_PLUGIN_DIR . 'includes/settings.php';
require_once VOIX_PLUGIN_DIR . 'includes/test-connection.php';
require_once VOIX_PLUGIN_DIR . 'includes/kses.php';
require_once VOIX_PLUGIN_DIR . 'includes/shortcode.php';
require_once VOIX_PLUGIN_DIR . 'includes/assets.php';
require_once VOIX_PLUGIN_DIR . 'includes/blocks.php';
require_once VOIX_PLUGIN_DIR . 'includes/feedback-everywhere.php';

// First on init: the blocks' titles are translated when they are registered (init, 10).
add_action(
	'init',
	static function () {
		load_plugin_textdomain( 'voix', false, dirname( plugin_basename( VOIX_PLUGIN_FILE ) ) . '/languages' );
	},
	0
);
