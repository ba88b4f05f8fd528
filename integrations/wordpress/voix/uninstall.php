<?php
/**
 * Deleting the plugin (« Supprimer » in Extensions) removes its settings, on every site of a
 * multisite network; the answers stay in the collector.
 *
 * @package Voix
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $site_id ) {
		switch_to_blog( $site_id );
		delete_option( 'voix_settings' );
		restore_current_blog();
	}
} else {
	delete_option( 'voix_settings' );
}
