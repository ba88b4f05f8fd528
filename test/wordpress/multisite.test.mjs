// The plugin on a WordPress multisite (Debian's 6.1, a network in folders), without
// DISALLOW_UNFILTERED_HTML: there, only super admins have unfiltered HTML, so a site's own
// administrator is filtered by KSES as an Éditeur is on a hardened single site. The super admin
// uploads the zip in the network's admin and activates it for the network; the administrator of
// /commune-b/ sets its collector and places blocks and a « HTML personnalisé » element; a visitor
// answers; each site keeps its own settings; deleting the plugin removes them on every site.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildWordpress } from '../../scripts/build-wordpress.mjs';
import { startDemoCollector } from '../../scripts/demo-collector.mjs';
import { axeViolations, browseHere, logIn, publishAndReopen, watch } from './pages.mjs';
import { freePort, startWordpress, wordpressMissing } from './wordpress-server.mjs';

const started = Date.now();
const missing = wordpressMissing();
const token = 'wordpress-multisite-token';
const superAdmin = { user: 'admin', password: 'Voix-admin-2026!' };
const siteAdmin = { user: 'admin-b', password: 'Voix-admin-b-2026!' };

describe('the WordPress plugin on a multisite (WordPress 6.1, sites in folders)', { skip: Boolean(missing) }, () => {
  let folder;
  let wordpress;
  let collector;
  let zip;
  let siteB;
  const browse = () => browseHere(collector.browser);

  before(async () => {
    folder = mkdtempSync(join(tmpdir(), 'voix-multisite-'));
    zip = buildWordpress({ out: folder });
    const port = await freePort();
    collector = await startDemoCollector(token, { VOIX_ORIGINS: `http://127.0.0.1:${port}` });
    wordpress = await startWordpress(folder, port, { multisite: true });
    // A second site, /commune-b/, in French, and its administrator, who is not a super admin.
    siteB = JSON.parse(
      wordpress.phpWith(`
$blog = wpmu_create_blog( '127.0.0.1', '/commune-b/', 'Commune B', 1, array( 'public' => 1, 'WPLANG' => 'fr_FR' ) );
if ( is_wp_error( $blog ) ) { fwrite( STDERR, $blog->get_error_message() ); exit( 1 ); }
// A site's domain keeps no port (WordPress takes its colon out): the test's server has one.
$wpdb->update( $wpdb->blogs, array( 'domain' => '127.0.0.1:${port}' ), array( 'blog_id' => $blog ) );
update_blog_option( $blog, 'siteurl', 'http://127.0.0.1:${port}/commune-b' );
update_blog_option( $blog, 'home', 'http://127.0.0.1:${port}/commune-b' );
clean_blog_cache( $blog );
$user = wpmu_create_user( '${siteAdmin.user}', '${siteAdmin.password}', '${siteAdmin.user}@commune-b.example' );
add_user_to_blog( $blog, $user, 'administrator' );
echo wp_json_encode( array( 'id' => $blog, 'unfiltered' => user_can( $user, 'unfiltered_html' ) ) );`),
    );
  });

  after(async () => {
    await collector?.close();
    await wordpress?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
    console.log(`wordpress multisite: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  });

  it('a site’s administrator keeps the blocks and voix-* elements through KSES, sets the site’s own collector, and the answers arrive; deleting the plugin removes every site’s settings', async () => {
    const { base } = wordpress;
    assert.equal(siteB.unfiltered, false, 'a site’s administrator has no unfiltered HTML on a multisite');

    // The super admin: Réseau → Extensions → Ajouter → Téléverser, then « Activer sur le réseau ».
    const network = await browse();
    const page = await network.newPage();
    await logIn(page, base, superAdmin);
    await page.goto(`${base}/wp-admin/network/plugin-install.php`);
    await page.locator('.upload-view-toggle').click();
    await page.locator('#pluginzip').setInputFiles(zip);
    await page.locator('#install-plugin-submit').click();
    await page.locator('a[href*="action=activate"][href*="plugin=voix"][href*="networkwide=1"]').click();
    await page.locator('#the-list tr.active[data-slug="voix"]').waitFor();
    await network.close();

    // The administrator of /commune-b/: its settings, then a page.
    const editing = await browse();
    const admin = await editing.newPage();
    await admin.setViewportSize({ width: 1440, height: 1100 });
    const problems = watch(admin);
    const siteBase = `${base}/commune-b`;
    await logIn(admin, siteBase, siteAdmin);
    await admin.goto(`${siteBase}/wp-admin/options-general.php?page=voix`);
    await admin.getByLabel('Adresse du collecteur').fill(`${collector.base}/v1/events`);
    await admin.getByLabel('Nom du site').fill('commune-b');
    await admin.locator('#submit').click();
    await admin.locator('#setting-error-settings_updated').waitFor();
    assert.deepEqual(await axeViolations(admin, '#wpbody-content .wrap'), [], 'axe on the site’s settings');

    await admin.goto(`${siteBase}/wp-admin/post-new.php?post_type=page`);
    await admin.waitForFunction(() => globalThis.wp?.blocks?.getBlockType('voix/poll'));
    await admin.evaluate(() => {
      const { select, dispatch } = globalThis.wp.data;
      if (select('core/edit-post').isFeatureActive('welcomeGuide')) dispatch('core/edit-post').toggleFeature('welcomeGuide');
      dispatch('core/editor').editPost({ title: 'La commune B vous écoute' });
      const { createBlock } = globalThis.wp.blocks;
      const options = [
        { value: 'oui', label: 'Oui' },
        { value: 'non', label: 'Non' },
      ];
      const html =
        '<voix-rating subject="b-accueil" label="L’accueil de la commune B" onclick="alert(1)"><a href="/">Donnez votre avis</a></voix-rating>';
      dispatch('core/block-editor').insertBlocks([
        createBlock('voix/poll', { subject: 'b-marche', question: 'Un marché le dimanche ?', options, fallbackText: 'Votez en mairie.' }),
        createBlock('core/html', { content: html }),
      ]);
    });
    await admin.locator('.voix-block-preview voix-poll input[type="radio"]').nth(1).waitFor();
    // Published, then reopened as saved through KSES: valid, the handler gone.
    const { link, saved } = await publishAndReopen(admin, siteBase, 2);
    assert.match(link, /\/commune-b\//);
    assert.match(saved, /<voix-poll question="Un marché le dimanche \?" subject="b-marche"><option value="oui">Oui<\/option>/);
    assert.match(saved, /<voix-rating subject="b-accueil" label="L’accueil de la commune B"><a href="\/">/);
    assert.doesNotMatch(saved, /onclick/);
    assert.deepEqual(problems, []);
    await editing.close();

    // A visitor of /commune-b/ answers both.
    const visiting = await browse();
    const visitor = await visiting.newPage();
    const visitorProblems = watch(visitor);
    await visitor.goto(link);
    const poll = visitor.locator('voix-poll');
    await poll.getByRole('radio', { name: 'Oui' }).check();
    await poll.getByRole('button', { name: 'Voter' }).click();
    await poll.getByText('Merci pour votre vote').waitFor();
    const rating = visitor.locator('voix-rating');
    await rating.getByRole('radio', { name: 'Moyen' }).check();
    await rating.getByRole('button', { name: 'Envoyer' }).click();
    await rating.getByText(/Merci/).first().waitFor();
    assert.deepEqual(await axeViolations(visitor, 'main'), [], 'axe on the site’s page');
    assert.deepEqual(visitorProblems, []);
    await visiting.close();
    const csv = await (await fetch(`${collector.base}/v1/export.csv`, { headers: { Authorization: `Bearer ${token}` } })).text();
    assert.match(csv, /,voix\.poll\.vote,b-marche,commune-b,[^\n]*,oui,/);
    assert.match(csv, /,voix\.rating,b-accueil,commune-b,/);

    // Each site its own settings: the main site has none.
    const settings = () =>
      JSON.parse(
        wordpress.phpWith(
          `echo wp_json_encode( array( get_blog_option( 1, 'voix_settings', null ), get_blog_option( ${siteB.id}, 'voix_settings', null ) ) );`,
        ),
      );
    const [main, b] = settings();
    assert.equal(main, null);
    assert.equal(b.endpoint, `${collector.base}/v1/events`);

    // Deleted by the super admin (deactivated for the network first): no site keeps them.
    const removing = await browse();
    const superPage = await removing.newPage();
    await logIn(superPage, base, superAdmin);
    await superPage.goto(`${base}/wp-admin/network/plugins.php`);
    await superPage.locator('#deactivate-voix').click();
    await superPage.locator('#the-list tr.inactive[data-slug="voix"]').waitFor();
    superPage.on('dialog', (dialog) => dialog.accept());
    await superPage.locator('#delete-voix').click();
    await superPage.locator('#the-list tr.plugin-deleted-tr').waitFor();
    await removing.close();
    assert.deepEqual(settings(), [null, null]);
    // No PHP warning or notice from the plugin in the whole run.
    assert.deepEqual(
      wordpress
        .phpLog()
        .split('\n')
        .filter((line) => /plugins\/voix\//.test(line)),
      [],
    );
  });
});
