<?php
/**
 * « Tester la connexion » on Réglages → Voix: a test answer posted from the server to the saved
 * collector, as a page would post it (the site's Origin, so the collector's origin check applies),
 * and the collector's reply told in an admin notice.
 *
 * @package Voix
 */

defined( 'ABSPATH' ) || exit;

const VOIX_TEST_SUBJECT = '/wordpress/test-de-connexion';

/** The button, in a form of its own below the settings' (it tests what is saved). */
function voix_test_connection_form(): void {
	echo '<h2>' . esc_html__( 'Test the connection', 'voix' ) . '</h2>';
	printf(
		'<p id="voix-test-help">%s</p>',
		/* translators: %s: the subject of the test answer. */
		esc_html( sprintf( __( 'Sends a test answer to the saved collector address, under the subject %s, and shows its reply.', 'voix' ), VOIX_TEST_SUBJECT ) )
	);
	echo '<form method="post" action="' . esc_url( admin_url( 'admin-post.php' ) ) . '">';
	echo '<input type="hidden" name="action" value="voix_test_connection">';
	wp_nonce_field( 'voix_test_connection' );
	submit_button( __( 'Test the connection', 'voix' ), 'secondary', 'voix-test', false, array( 'aria-describedby' => 'voix-test-help' ) );
	echo '</form>';
}

add_action(
	'admin_post_voix_test_connection',
	static function () {
		if ( ! current_user_can( 'manage_options' ) ) {
			wp_die( esc_html__( 'You may not change the settings of this site.', 'voix' ), 403 );
		}
		check_admin_referer( 'voix_test_connection' );
		// Kept a minute for this administrator only, and read once by the settings page.
		set_transient( 'voix_test_connection_' . get_current_user_id(), voix_test_connection(), MINUTE_IN_SECONDS );
		wp_safe_redirect( admin_url( 'options-general.php?page=voix' ) );
		exit;
	}
);

/**
 * Posts the test answer and says what happened.
 *
 * @return array{type: string, message: string} The notice: 'success' or 'error', and its text.
 */
function voix_test_connection(): array {
	$settings = voix_settings();
	if ( '' === $settings['endpoint'] ) {
		return array(
			'type'    => 'error',
			'message' => __( 'No collector address is saved: fill it in and save the settings first.', 'voix' ),
		);
	}
	$id       = wp_generate_uuid4();
	$home     = wp_parse_url( home_url() );
	$origin   = $home['scheme'] . '://' . $home['host'] . ( isset( $home['port'] ) ? ':' . $home['port'] : '' );
	$envelope = array(
		'specversion'     => '1.0',
		'id'              => $id,
		'source'          => admin_url( 'options-general.php?page=voix' ),
		'type'            => 'voix.feedback',
		'subject'         => VOIX_TEST_SUBJECT,
		'time'            => gmdate( 'Y-m-d\TH:i:s\Z' ),
		'datacontenttype' => 'application/json',
		'data'            => array(
			'site'    => $settings['site'] ? $settings['site'] : $home['host'],
			'locale'  => strtolower( strtok( determine_locale(), '_' ) ),
			'widget'  => array(
				'name'    => 'voix-feedback',
				'version' => VOIX_VERSION,
			),
			'answers' => array( 'useful' => true ),
		),
	);
	$response = wp_remote_post(
		$settings['endpoint'],
		array(
			'timeout' => 10,
			'headers' => array(
				'Content-Type'    => 'application/cloudevents+json',
				'Idempotency-Key' => $id,
				'Origin'          => $origin,
			),
			'body'    => wp_json_encode( $envelope ),
		)
	);
	if ( is_wp_error( $response ) ) {
		return array(
			'type'    => 'error',
			/* translators: 1: the collector's address, 2: why (WordPress's message). */
			'message' => sprintf( __( 'The collector cannot be reached at %1$s: %2$s', 'voix' ), $settings['endpoint'], $response->get_error_message() ),
		);
	}
	$status = (int) wp_remote_retrieve_response_code( $response );
	if ( $status >= 200 && $status < 300 ) {
		return array(
			'type'    => 'success',
			/* translators: %d: the HTTP status. */
			'message' => sprintf( __( 'The collector received the test answer (HTTP %d). The widgets of this site can send theirs.', 'voix' ), $status ),
		);
	}
	$reply  = json_decode( wp_remote_retrieve_body( $response ), true );
	$reason = is_array( $reply ) ? trim( ( $reply['error'] ?? '' ) . ': ' . ( $reply['message'] ?? '' ), ': ' ) : '';
	return array(
		'type'    => 'error',
		'message' => '' === $reason
			/* translators: %d: the HTTP status. */
			? sprintf( __( 'The collector refused the test answer (HTTP %d).', 'voix' ), $status )
			/* translators: 1: the HTTP status, 2: the collector's error code and message. */
			: sprintf( __( 'The collector refused the test answer (HTTP %1$d): %2$s', 'voix' ), $status, $reason ),
	);
}

/** The notice of the last test, once. */
function voix_test_connection_notice(): void {
	$key    = 'voix_test_connection_' . get_current_user_id();
	$result = get_transient( $key );
	if ( ! is_array( $result ) ) {
		return;
	}
	delete_transient( $key );
	printf(
		'<div id="voix-test-connection" class="notice notice-%s" role="%s"><p>%s</p></div>',
		'success' === $result['type'] ? 'success' : 'error',
		'success' === $result['type'] ? 'status' : 'alert',
		esc_html( $result['message'] )
	);
}
