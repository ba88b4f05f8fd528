// Issue 18 on a real WordPress (Debian's packages: wordpress, mariadb-server, php-cli, php-mysql):
// its own MariaDB in a temporary folder, a copy of /usr/share/wordpress served by PHP's built-in
// server, installed in French by its own installer (wp-admin/install.php, by form posts), with
// DISALLOW_UNFILTERED_HTML set. In Chromium the administrator uploads release/voix-wordpress-<version>.zip,
// activates it, sets the collector in « Réglages → Voix »; an Éditeur publishes a page with the
// shortcode and a « HTML personnalisé » block; a visitor answers both widgets, which reach the
// reference collector's export; then the plugin is deactivated and deleted, its option with it.
// Without those packages, and unable to install them (not root, no apt), it says why and passes.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { buildWordpress } from '../../scripts/build-wordpress.mjs';
import { startDemoCollector } from '../../scripts/demo-collector.mjs';
import { axeViolations, browseHere, logIn, publishAndReopen, watch } from './pages.mjs';
import { freePort, startWordpress, wordpress65, wordpressMissing } from './wordpress-server.mjs';

const started = Date.now();
const missing = wordpressMissing();
if (missing) console.log(`wordpress: skipped: ${missing}`);

const token = 'wordpress-test-token';
const admin = { user: 'admin', password: 'Voix-admin-2026!' };
const editor = { user: 'editrice', password: 'Voix-editrice-2026!' };

// Debian's WordPress 6.1 (the plugin's oldest, where voix.js is a classic script made a module),
// and 6.5 (script modules), put together from WordPress Playground's npm build.
const versions = missing ? [{ version: '6.1' }] : [{ version: '6.1' }, { version: '6.5', ...wordpress65() }];
for (const { why } of versions) if (why) console.log(`wordpress: skipped: ${why}`);

for (const { version, tree, why } of versions)
  describe(`the WordPress plugin on a real WordPress ${version}`, { skip: Boolean(missing || why) }, () => {
    let folder;
    let wordpress;
    let collector;
    let zip;

    before(async () => {
      folder = mkdtempSync(join(tmpdir(), 'voix-wordpress-'));
      zip = buildWordpress({ out: folder });
      const port = await freePort();
      collector = await startDemoCollector(token, { VOIX_ORIGINS: `http://127.0.0.1:${port}` });
      wordpress = await startWordpress(folder, port, { tree });
    });

    const browse = () => browseHere(collector.browser);

    after(async () => {
      await collector?.close();
      await wordpress?.stop();
      if (folder) rmSync(folder, { recursive: true, force: true });
      console.log(`wordpress ${version}: ${((Date.now() - started) / 1000).toFixed(1)} s since the start`);
    });

    it('installs from the zip, refuses a bad endpoint, keeps an Éditeur’s voix-* elements, and the answers reach the collector, under a CSP without unsafe-inline too', async () => {
      const { base } = wordpress;
      const context = await browse();
      const page = await context.newPage();
      await logIn(page, base, admin);

      // Extensions → Ajouter → Téléverser une extension. WordPress's own screens by their ids: Debian's
      // French admin catalogue (admin-fr_FR.mo) is WordPress 3.6's, so half of them are in English.
      await page.goto(`${base}/wp-admin/plugin-install.php`);
      await page.locator('.upload-view-toggle').click();
      await page.locator('#pluginzip').setInputFiles(zip);
      await page.locator('#install-plugin-submit').click();
      await page.locator('a[href*="action=activate"][href*="plugin=voix"]').click();
      await page.locator('#the-list tr.active[data-slug="voix"]').waitFor();

      // Réglages → Voix: a bad address refused with its notice, then the collector's accepted.
      await page.goto(`${base}/wp-admin/options-general.php?page=voix`);
      await page.getByLabel('Adresse du collecteur').fill('pas une adresse');
      await page.locator('#submit').click();
      await page.locator('#setting-error-voix-bad-endpoint', { hasText: '« pas une adresse » n’est pas une adresse web' }).waitFor();
      assert.equal(await page.getByLabel('Adresse du collecteur').inputValue(), '');
      await page.getByLabel('Adresse du collecteur').fill(`${collector.base}/v1/events`);
      await page.getByLabel('Nom du site').fill('ma-commune');
      await page.getByLabel('Adresse des résultats').fill(`${collector.base}/v1/results/{subject}?site=ma-commune`);
      await page.locator('#submit').click();
      await page.locator('#setting-error-settings_updated').waitFor();
      assert.equal(await page.getByLabel('Adresse du collecteur').inputValue(), `${collector.base}/v1/events`);
      assert.equal(await page.getByLabel('Adresse des résultats').inputValue(), `${collector.base}/v1/results/{subject}?site=ma-commune`);
      // The plugin's part: WordPress's own admin bar and menu have two violations of their own.
      assert.deepEqual(await axeViolations(page, '#wpbody-content .wrap'), [], 'axe on the settings page');

      // An Éditeur, created by the administrator's form (posted as it is, with its nonce, so that the
      // password strength meter's script has no say).
      await page.goto(`${base}/wp-admin/user-new.php`);
      const added = await page.evaluate(async ({ user, password }) => {
        const form = document.getElementById('createuser');
        const data = new FormData(form);
        const fields = {
          user_login: user,
          email: `${user}@ma-commune.example`,
          pass1: password,
          pass2: password,
          pw_weak: 'on',
          role: 'editor',
          createuser: '1',
        };
        for (const [name, value] of Object.entries(fields)) data.set(name, value);
        return (await fetch(location.href, { method: 'POST', body: new URLSearchParams(data) })).url;
      }, editor);
      assert.match(added, /update=add/);
      await context.close();

      // The Éditeur's page: the shortcode, and a « HTML personnalisé » block with what KSES must sort.
      const editing = await browse();
      const editorPage = await editing.newPage();
      await logIn(editorPage, base, editor);
      const content = [
        '<!-- wp:shortcode -->',
        '[voix widget="poll" subject="wp-mobilites" question="Comment venez-vous à la mairie ?" options="À pied|À vélo|En bus"]',
        '<!-- /wp:shortcode -->',
        '',
        '<!-- wp:html -->',
        '<voix-rating subject="wp-accueil" label="Notez l’accueil de la mairie" onclick="alert(1)" style="display:none" data-x="1"><a href="/">Donnez votre avis</a></voix-rating>',
        '<script>alert("kses")</script>',
        '<!-- /wp:html -->',
      ].join('\n');
      const created = await editorPage.evaluate(
        async ({ content }) => {
          const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
          const response = await fetch('/?rest_route=/wp/v2/pages', {
            method: 'POST',
            headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
            body: JSON.stringify({ title: 'Votre avis sur la mairie', content, status: 'publish' }),
          });
          return { status: response.status, body: await response.json() };
        },
        { content },
      );
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const saved = created.body.content.raw;
      assert.match(saved, /<voix-rating subject="wp-accueil" label="Notez l’accueil de la mairie">/);
      assert.doesNotMatch(saved, /onclick|style=|data-x|<script/);
      assert.match(saved, /\[voix widget="poll"/);
      await editing.close();

      // A visitor answers both.
      const visiting = await browse();
      const visitor = await visiting.newPage();
      const problems = watch(visitor);
      await visitor.goto(created.body.link);
      // voix.js as a module: WordPress 6.5's script modules, or before them the classic script's tag.
      const tag = visitor.locator('script[type="module"][src*="/voix.js"]');
      assert.equal(await tag.getAttribute('id'), version === '6.1' ? 'voix-js' : 'voix-js-module');
      const rating = visitor.locator('voix-rating');
      await rating.getByRole('radio', { name: 'Très bien' }).check();
      await rating.getByRole('button', { name: 'Envoyer' }).click();
      await rating.getByText(/Merci/).first().waitFor();
      const poll = visitor.locator('voix-poll');
      await poll.getByRole('radio', { name: 'À vélo' }).check();
      await poll.getByRole('button', { name: 'Voter' }).click();
      await poll.getByText('Merci pour votre vote').waitFor();
      assert.deepEqual(await axeViolations(visitor, 'main'), [], 'axe on the published page');
      await visitor.screenshot({ path: join(tmpdir(), `voix-wordpress-${version}-page.png`), fullPage: true });
      assert.deepEqual(problems, []);
      await visiting.close();

      // The same page under a Content Security Policy without 'unsafe-inline', as a hardened host
      // sends it (here the test's must-use plugin, asked by ?csp=<the collector's origin>):
      // WordPress's own inline scripts and styles are refused, the widgets are not.
      const strict = await browse();
      await strict.addInitScript(() => {
        globalThis.refused = [];
        document.addEventListener('securitypolicyviolation', (event) =>
          globalThis.refused.push(`${event.effectiveDirective} ${event.blockedURI}`),
        );
      });
      const guarded = await strict.newPage();
      const response = await guarded.goto(
        `${created.body.link}${created.body.link.includes('?') ? '&' : '?'}csp=${encodeURIComponent(collector.base)}`,
      );
      assert.match(response.headers()['content-security-policy'], /script-src 'self'/);
      const guardedRating = guarded.locator('voix-rating');
      await guardedRating.getByRole('radio', { name: 'Moyen' }).check();
      await guardedRating.getByRole('button', { name: 'Envoyer' }).click();
      await guardedRating.getByText(/Merci/).first().waitFor();
      const refused = await guarded.evaluate(() => globalThis.refused);
      assert.ok(refused.length > 0, 'WordPress’s inline scripts and styles were refused: the policy is on');
      assert.deepEqual(
        refused.filter((line) => !/ inline$/.test(line)),
        [],
        'nothing of the plugin refused',
      );
      await strict.close();

      const csv = await (await fetch(`${collector.base}/v1/export.csv`, { headers: { Authorization: `Bearer ${token}` } })).text();
      assert.match(csv, /,voix\.rating,wp-accueil,ma-commune,[^\n]*,3\r\n/);
      assert.match(csv, /,voix\.rating,wp-accueil,ma-commune,[^\n]*,2\r\n/);
      assert.match(csv, /,voix\.poll\.vote,wp-mobilites,ma-commune,[^\n]*,a-velo,/);
    });

    it('an Éditeur places the seven blocks in the block editor (feedback, poll, petition, questionnaire, rating from the inserter; a poll declared on the collector) and publishes; a visitor answers six', async () => {
      const { base } = wordpress;
      const editing = await browse();
      const page = await editing.newPage();
      await page.setViewportSize({ width: 1440, height: 1100 });
      const problems = watch(page);
      await logIn(page, base, editor);
      await page.goto(`${base}/wp-admin/post-new.php?post_type=page`);
      await page.waitForFunction(() => globalThis.wp?.blocks?.getBlockType('voix/poll'));
      // WordPress's welcome guide, shown the first time: not what the test is about.
      await page.evaluate(() => {
        const { select, dispatch } = globalThis.wp.data;
        if (select('core/edit-post').isFeatureActive('welcomeGuide')) dispatch('core/edit-post').toggleFeature('welcomeGuide');
        // The settings sidebar (the gear), where a selected block's settings are.
        dispatch('core/edit-post').openGeneralSidebar('edit-post/block');
      });
      await page.locator('.editor-post-title__input').fill('Participez à la vie de la commune');

      // Each block from the inserter (its toggle renamed in 6.5), found by its French title.
      const inserterToggle = '.edit-post-header-toolbar__inserter-toggle, .editor-document-tools__inserter-toggle';
      const insert = async (title) => {
        await page.locator(inserterToggle).click();
        await page.locator('.block-editor-inserter__search input').fill(title);
        await page.locator('.block-editor-block-types-list__item', { hasText: title }).first().click();
        if (await page.locator('.block-editor-inserter__search input').isVisible()) await page.locator(inserterToggle).click();
        // The inserter closed the settings sidebar (the gear): opened again, as the Éditeur would.
        await page.evaluate(() => globalThis.wp.data.dispatch('core/edit-post').openGeneralSidebar('edit-post/block'));
      };
      const sidebar = page.locator('.interface-complementary-area');
      await insert('Avis sur la page');
      await sidebar.getByLabel('Sujet', { exact: true }).fill('wp-participez');

      await insert('Sondage');
      await page.locator('.voix-block-preview').or(page.locator('.wp-block-voix-poll .components-placeholder')).first().waitFor();
      await sidebar.getByLabel('Question', { exact: true }).fill('Comment venez-vous à la mairie ?');
      for (const [index, label] of ['À pied', 'À vélo', 'En bus'].entries()) {
        await sidebar.getByRole('button', { name: 'Ajouter une option' }).click();
        await sidebar.getByRole('textbox', { name: `Option ${index + 1}`, exact: true }).fill(label);
      }
      await sidebar.getByLabel('Sujet', { exact: true }).fill('wp-venir');
      // The preview is the real widget, its three options drawn by voix-poll itself.
      await page.locator('.voix-block-preview voix-poll input[type="radio"]').nth(2).waitFor();
      assert.equal(await page.locator('.voix-block-preview voix-poll input[type="radio"]').count(), 3);
      await sidebar.evaluate((element) => element.scrollTo(0, 0));
      await page.screenshot({ path: join(tmpdir(), `voix-wordpress-${version}-editor-poll.png`) });

      await insert('Pétition');
      await sidebar.getByLabel('Sujet', { exact: true }).fill('wp-jardins');
      await sidebar.getByLabel('Titre', { exact: true }).fill('Pour des jardins partagés');
      await sidebar.getByLabel('Seuils').fill('100:Réponse du maire;500:Débat en conseil municipal');
      await sidebar.getByLabel('Ce que demandent les signataires').fill('Nous demandons des jardins partagés le long du canal.');
      await page.locator('.voix-block-preview voix-petition').waitFor();

      // A questionnaire whose definition is pasted: checked as it is typed, with the checker's place.
      await insert('Questionnaire');
      await sidebar.getByLabel('Sujet', { exact: true }).fill('wp-cantine');
      const definition = (kind) =>
        JSON.stringify({
          id: 'cantine',
          steps: [{ title: 'La cantine', questions: [{ id: 'bon', kind, label: 'Les repas sont-ils bons ?', required: true }] }],
        });
      const pasted = sidebar.getByLabel('Définition collée ici (JSON)');
      await pasted.fill(definition('couleur'));
      await sidebar.locator('.components-notice.is-error', { hasText: 'Refusée en /steps/0/questions/0/kind' }).waitFor();
      await pasted.fill(definition('yesno'));
      await sidebar.locator('.components-notice.is-success', { hasText: 'La définition est valide.' }).waitFor();
      await page.locator('.voix-block-preview voix-survey input[type="radio"]').first().waitFor();

      // Another, its definition at an address (a file of the site's): read and checked the same way.
      writeFileSync(
        join(wordpress.documentRoot, 'wp-content/uploads/enquete.json'),
        JSON.stringify({
          id: 'enquete',
          steps: [{ title: 'Le marché', questions: [{ id: 'venu', kind: 'yesno', label: 'Êtes-vous venu au marché ?' }] }],
        }),
      );
      await page.evaluate((url) => {
        const block = globalThis.wp.blocks.createBlock('voix/survey', { subject: 'wp-enquete', definition: url });
        globalThis.wp.data.dispatch('core/block-editor').insertBlocks(block);
      }, `${base}/wp-content/uploads/absente.json`);
      await sidebar.locator('.components-notice.is-error', { hasText: 'L’adresse n’a pas pu être lue : HTTP 404' }).waitFor();
      await sidebar.getByLabel('Adresse de la définition (URL)').fill(`${base}/wp-content/uploads/enquete.json`);
      await sidebar.locator('.components-notice.is-success', { hasText: 'La définition est valide.' }).waitFor();
      await page.locator('.voix-block-preview voix-survey[definition] input[type="radio"]').first().waitFor();

      // A service's rating, « Je donne mon avis » unless told otherwise; an idea box, a report card,
      // and a poll declared on the collector (its question and options there, the block names it).
      const declared = await fetch(`${collector.base}/v1/subjects/wp-parc`, {
        method: 'PUT',
        headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
        body: JSON.stringify({
          type: 'voix.poll.vote',
          terms: {
            question: 'Que planter au parc ?',
            options: [
              { value: 'jardins', label: 'Des jardins partagés' },
              { value: 'verger', label: 'Un verger' },
            ],
          },
        }),
      });
      assert.ok(declared.ok, `declared: ${declared.status}`);
      await insert('Note d’un service');
      await sidebar.getByLabel('Sujet', { exact: true }).fill('wp-jdma');
      await sidebar.getByLabel('Titre', { exact: true }).fill('Accueil de la mairie');
      assert.equal(await sidebar.getByRole('combobox', { name: 'Questions' }).inputValue(), 'jdma');
      await page.evaluate(() => {
        const { createBlock } = globalThis.wp.blocks;
        const blocks = [
          createBlock('voix/idea', { subject: 'wp-idees' }),
          createBlock('voix/report', { subject: 'wp-difficultes' }),
          createBlock('voix/poll', { declared: true, subject: 'wp-parc' }),
        ];
        globalThis.wp.data.dispatch('core/block-editor').insertBlocks(blocks);
      });
      await page.locator('.voix-block-preview voix-report').waitFor();
      // The declared poll's preview: the collector's options, read by voix-poll itself.
      await page.locator('.voix-block-preview voix-poll[subject="wp-parc"] input[type="radio"]').nth(1).waitFor();

      // A « HTML personnalisé » block beside them, as an Éditeur types it.
      await page.evaluate(() => {
        const { dispatch } = globalThis.wp.data;
        const html = '<voix-rating subject="wp-accueil-blocs" label="Notez l’accueil"><a href="/">Donnez votre avis</a></voix-rating>';
        dispatch('core/block-editor').insertBlocks(globalThis.wp.blocks.createBlock('core/html', { content: html }));
      });

      // Publier… then Publier.
      // Published, then reopened as saved through KSES (DISALLOW_UNFILTERED_HTML): every block valid.
      const { link, saved } = await publishAndReopen(page, base, 10);
      assert.match(saved, /<voix-feedback subject="wp-participez">/);
      assert.match(
        saved,
        /<voix-poll question="Comment venez-vous à la mairie \?" subject="wp-venir"><option value="a-pied">À pied<\/option><option value="a-velo">À vélo<\/option>/,
      );
      assert.match(saved, /<voix-rating label="Accueil de la mairie" preset="jdma" subject="wp-jdma">/);
      assert.match(saved, /<voix-idea subject="wp-idees">/);
      assert.match(saved, /<voix-survey definition="http:\/\/127\.0\.0\.1:\d+\/wp-content\/uploads\/enquete\.json" subject="wp-enquete">/);
      assert.match(saved, /<voix-poll subject="wp-parc"><p>/);
      assert.match(saved, /<voix-petition heading="Pour des jardins partagés" thresholds="[^"]+" subject="wp-jardins"><p>Nous demandons/);
      // The only failures: the missing definition the test gave on purpose (the editor's check).
      assert.deepEqual(
        problems.filter((problem) => !/^404 GET .*\/absente\.json$/.test(problem)),
        [],
      );
      await editing.close();

      // A visitor answers the three blocks.
      const visiting = await browse();
      const visitor = await visiting.newPage();
      const visitorProblems = watch(visitor);
      await visitor.goto(link);
      const feedback = visitor.locator('voix-feedback');
      await feedback.getByRole('button', { name: 'Oui' }).click();
      await feedback.getByText(/Merci/).first().waitFor();
      const poll = visitor.locator('voix-poll[subject="wp-venir"]');
      await poll.getByRole('radio', { name: 'En bus' }).check();
      await poll.getByRole('button', { name: 'Voter' }).click();
      await poll.getByText('Merci pour votre vote').waitFor();
      const petition = visitor.locator('voix-petition');
      await petition.getByText('Nous demandons des jardins partagés le long du canal.').waitFor();
      await petition.getByRole('checkbox').check();
      await petition.getByRole('button', { name: 'Signer' }).click();
      await petition.getByText('1 signature', { exact: true }).waitFor();
      const survey = visitor.locator('voix-survey[subject="wp-cantine"]');
      await survey.getByRole('radio', { name: 'Oui' }).check();
      await survey.getByRole('button', { name: 'Envoyer' }).click();
      await survey.getByText('Merci pour vos réponses').waitFor();
      await visitor.locator('voix-survey[subject="wp-enquete"]').getByText('Êtes-vous venu au marché ?').waitFor();
      const park = visitor.locator('voix-poll[subject="wp-parc"]');
      await park.getByText('Que planter au parc ?').waitFor();
      await park.getByRole('radio', { name: 'Un verger' }).check();
      await park.getByRole('button', { name: 'Voter' }).click();
      await park.getByText('Merci pour votre vote').waitFor();
      const jdma = visitor.locator('voix-rating[subject="wp-jdma"]');
      await jdma.getByRole('radio', { name: 'Très bien' }).first().check();
      await jdma.getByRole('button', { name: 'Envoyer' }).click();
      await jdma.getByText(/Merci/).first().waitFor();
      for (const card of ['voix-idea', 'voix-report']) await visitor.locator(card).getByRole('button', { name: 'Envoyer' }).waitFor();
      assert.deepEqual(await axeViolations(visitor, 'main'), [], 'axe on the page made of blocks');
      await visitor.screenshot({ path: join(tmpdir(), `voix-wordpress-${version}-blocks-page.png`), fullPage: true });
      assert.deepEqual(visitorProblems, []);
      await visiting.close();

      const csv = await (await fetch(`${collector.base}/v1/export.csv`, { headers: { Authorization: `Bearer ${token}` } })).text();
      assert.match(csv, /,voix\.feedback,wp-participez,ma-commune,/);
      assert.match(csv, /,voix\.poll\.vote,wp-venir,ma-commune,[^\n]*,en-bus,/);
      assert.match(csv, /,voix\.petition\.signature,wp-jardins,ma-commune,/);
      assert.match(csv, /,voix\.survey,wp-cantine,ma-commune,/);
      assert.match(csv, /,voix\.rating,wp-jdma,ma-commune,/);
      assert.match(csv, /,voix\.poll\.vote,wp-parc,ma-commune,[^\n]*,verger,/);
    });

    it('« Tester la connexion » shows the collector’s reply, and « Avis sur chaque page » puts a feedback after a plain post', async () => {
      const { base } = wordpress;
      const context = await browse();
      const page = await context.newPage();
      await logIn(page, base, admin);
      const settings = `${base}/wp-admin/options-general.php?page=voix`;
      const save = async (fields) => {
        await page.goto(settings);
        for (const [label, value] of Object.entries(fields)) {
          if (typeof value === 'boolean') await page.getByLabel(label).setChecked(value);
          else await page.getByLabel(label).fill(value);
        }
        await page.locator('#submit').click();
        await page.locator('#setting-error-settings_updated').waitFor();
      };
      const testConnection = async () => {
        await page.goto(settings);
        await page.getByRole('button', { name: 'Tester la connexion' }).click();
        return page.locator('#voix-test-connection');
      };
      const export_ = async () =>
        (await fetch(`${collector.base}/v1/export.csv`, { headers: { Authorization: `Bearer ${token}` } })).text();

      // The saved collector: the test answer is stored, and said so with its status.
      const success = await testConnection();
      await success.and(page.locator('.notice-success')).waitFor();
      assert.match(await success.innerText(), /Le collecteur a bien reçu la réponse de test \(HTTP 201\)/);
      assert.match(await export_(), /,voix\.feedback,\/wordpress\/test-de-connexion,ma-commune,/);
      assert.deepEqual(await axeViolations(page, '#wpbody-content .wrap'), [], 'axe on the settings page with its notice');

      // A closed port: the failure, in words.
      const closed = await freePort();
      await save({ 'Adresse du collecteur': `http://127.0.0.1:${closed}/v1/events` });
      const failure = await testConnection();
      await failure.and(page.locator('.notice-error')).waitFor();
      assert.match(await failure.innerText(), /Le collecteur est injoignable/);

      // Back to the collector, with a contact page and the feedback on every page.
      await save({
        'Adresse du collecteur': `${collector.base}/v1/events`,
        'Page de contact (sans JavaScript)': '/contact',
        'Avis sur chaque page': true,
      });
      assert.ok(await page.getByLabel('Avis sur chaque page').isChecked());

      // A plain post, no widget in it.
      const post = await page.evaluate(async () => {
        const nonce = await (await fetch('/wp-admin/admin-ajax.php?action=rest-nonce')).text();
        const response = await fetch('/?rest_route=/wp/v2/posts', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'X-WP-Nonce': nonce },
          body: JSON.stringify({
            title: 'Le marché de Noël',
            content: '<!-- wp:paragraph -->\n<p>Le marché de Noël ouvre samedi sur la place de la mairie.</p>\n<!-- /wp:paragraph -->',
            excerpt: '',
            status: 'publish',
          }),
        });
        return response.json();
      });
      await context.close();
      assert.ok(post.link, JSON.stringify(post));
      const subject = new URL(post.link).pathname;
      const html = await (await fetch(post.link)).text();
      const feedbacks = html.match(/<voix-feedback[^>]*>.*?<\/voix-feedback>/gs) ?? [];
      assert.deepEqual(feedbacks, [
        `<voix-feedback subject="${subject}"><a href="${base}/contact">Donnez-nous votre avis</a></voix-feedback>`,
      ]);
      assert.ok(html.indexOf('<voix-config endpoint=') < html.indexOf('<voix-feedback'), 'inside the <voix-config>');
      assert.match(html, /<script type="module" src=.[^"']+\/voix\.js/);
      // Not in the feed, nor on the home page's list.
      assert.doesNotMatch(await (await fetch(`${base}/?feed=rss2`)).text(), /voix-feedback|Donnez-nous votre avis/);
      assert.doesNotMatch(await (await fetch(`${base}/`)).text(), /voix-feedback/);

      const visiting = await browse();
      const visitor = await visiting.newPage();
      const problems = [];
      visitor.on('pageerror', (error) => problems.push(error.message));
      visitor.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
      await visitor.goto(post.link);
      const feedback = visitor.locator('voix-feedback');
      await feedback.getByRole('button', { name: 'Oui' }).click();
      await feedback.getByText(/Merci/).first().waitFor();
      assert.deepEqual(await axeViolations(visitor, 'main'), [], 'axe on the post');
      assert.deepEqual(problems, []);
      await visiting.close();
      assert.ok((await export_()).includes(`,voix.feedback,${subject},ma-commune,`), 'the answer in the export');
    });

    it('deactivates, and deleting it removes its option', async () => {
      const { base } = wordpress;
      assert.ok(wordpress.query("SELECT COUNT(*) FROM wp_options WHERE option_name = 'voix_settings'") === '1');
      const context = await browse();
      const page = await context.newPage();
      await logIn(page, base, admin);
      await page.goto(`${base}/wp-admin/plugins.php`);
      await page.locator('#deactivate-voix').click();
      await page.locator('#the-list tr.inactive[data-slug="voix"]').waitFor();
      page.on('dialog', (dialog) => dialog.accept());
      await page.locator('#delete-voix').click();
      await page.locator('#the-list tr.plugin-deleted-tr').waitFor();
      assert.equal(wordpress.query("SELECT COUNT(*) FROM wp_options WHERE option_name = 'voix_settings'"), '0');
      assert.ok(!existsSync(join(wordpress.documentRoot, 'wp-content/plugins/voix')));
      // No PHP warning or notice from the plugin in the whole run.
      assert.deepEqual(
        wordpress
          .phpLog()
          .split('\n')
          .filter((line) => /plugins\/voix\//.test(line)),
        [],
      );
      await context.close();
    });
  });
