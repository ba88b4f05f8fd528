// The dashboard names what it shows in words (issue 16, wording 9): a type by its label, a declared
// subject by its question or heading, a poll's options as declared, each question by the label it
// was asked with (data.definition.labels), and each score as its scale says it.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ADMIN, backends, collectorOn, envelope, post } from './support.js';

const poll = {
  type: 'voix.poll.vote',
  terms: {
    question: 'Quel projet pour le parc en 2027\u202f?',
    options: [
      { value: 'jardins', label: 'Des jardins partagés' },
      { value: 'berges', label: 'Des berges ouvertes' },
    ],
  },
};

/** An answer to a definition, with the labels its questions were asked with (as the form engine sends them). */
function defined(
  type: string,
  subject: string,
  answers: Record<string, unknown>,
  questions: Record<string, [kind: string, label?: string]>,
) {
  const event = envelope({ type, subject, answers });
  const labelled = Object.entries(questions).filter(([, [, label]]) => label);
  Object.assign(event.data, {
    definition: {
      id: type.slice('voix.'.length),
      version: '0a1b2c3d',
      questions: Object.fromEntries(Object.entries(questions).map(([id, [kind]]) => [id, kind])),
      ...(labelled.length && { labels: Object.fromEntries(labelled.map(([id, [, label]]) => [id, label])) }),
    },
  });
  return event;
}

/** The page's text, every run of spaces (the no-break ones too) made one space. */
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

for (const backend of backends) {
  describe(`dashboard labels (${backend.name})`, () => {
    const collector = collectorOn(backend);
    const dashboard = async () => (await fetch(`${collector.url}/admin`, { headers: { Authorization: `Bearer ${ADMIN}` } })).text();

    it('titles a declared poll with its question, keeps its id beside its type in words, and reads its options as declared', async () => {
      const declared = await fetch(`${collector.url}/v1/subjects/parc-2027`, {
        method: 'PUT',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify(poll),
      });
      assert.equal(declared.status, 200);
      for (const choice of ['jardins', 'jardins', 'berges']) {
        assert.equal(
          (await post(collector.url, envelope({ type: 'voix.poll.vote', subject: 'parc-2027', answers: { choices: [choice] } }))).status,
          201,
        );
      }
      const html = await dashboard();
      assert.match(
        html,
        /<h3><bdi>Quel projet pour le parc en 2027\u202f\?<\/bdi><\/h3>\s*<p class="meta">Sondage · parc-2027 · 3 réponses/,
      );
      assert.match(text(html), /Des jardins partagés 2 67 % Des berges ouvertes 1 33 %/);
      assert.doesNotMatch(html, /voix\.poll\.vote/);
    });

    it('names each question by the label it was asked with and each score in its scale’s words', async () => {
      const questions = {
        score: ['smileys', 'De façon générale, comment ça s’est passé\u202f?'],
        accueil: ['stars', 'Accueil'],
        'clarte-de-l-information': ['agree', 'Clarté de l’information'],
        recommande: ['nps'],
      } satisfies Record<string, [string, string?]>;
      for (const answers of [
        { score: 3, accueil: 4, 'clarte-de-l-information': 4, recommande: 8 },
        { score: 1, accueil: 1, 'clarte-de-l-information': 2, recommande: 10 },
      ]) {
        assert.equal((await post(collector.url, defined('voix.rating', 'mairie/accueil', answers, questions))).status, 201);
      }
      const html = text(await dashboard());
      assert.match(html, /Note d’un service · 2 réponses/);
      assert.match(
        html,
        /Question « De façon générale, comment ça s’est passé \? » · smileys, de 1 à 3 Réponse Nombre Part Pas bien 1 50 % Très bien 1 50 %/,
      );
      assert.match(html, /Question « Accueil » · étoiles, de 1 à 5 Réponse Nombre Part 1 étoile sur 5 1 50 % 4 étoiles sur 5 1 50 %/);
      assert.match(html, /Question « Clarté de l’information » · accord, de 1 à 5 Réponse Nombre Part Pas d’accord 1 50 % D’accord 1 50 %/);
      // No label sent for it: its id, and its scores as the scale says them.
      assert.match(html, /Question « recommande » · recommandation, de 0 à 10 Réponse Nombre Part 8 sur 10 1 50 % 10 sur 10 1 50 %/);
      assert.match(html, /Moyenne : 2 sur 3 \(2 réponses\)/);
    });

    it('takes the labels of the latest answer that sent them', async () => {
      const older = defined('voix.survey', 'enquete-2027', { q1: 'yes' }, { q1: ['yesno', 'Ancienne question'] });
      const newer = defined('voix.survey', 'enquete-2027', { q1: 'no' }, { q1: ['yesno', 'Êtes-vous satisfait\u202f?'] });
      const unlabelled = defined('voix.survey', 'enquete-2027', { q1: 'no' }, { q1: ['yesno'] });
      for (const event of [older, newer, unlabelled]) assert.equal((await post(collector.url, event)).status, 201);
      const html = text(await dashboard());
      assert.match(html, /Questionnaire · 3 réponses/);
      assert.match(html, /Question « Êtes-vous satisfait \? » · oui \/ non Réponse Nombre Part Non 2 67 % Oui 1 33 %/);
      assert.doesNotMatch(html, /Ancienne question/);
    });

    it('names a mirrored rating’s questions as users were asked, even when an agent answered last', async () => {
      const user = defined('voix.rating', 'guichet', { score: 3 }, { score: ['smileys', 'Comment ça s’est passé ?'] });
      const agent = defined(
        'voix.rating',
        'guichet',
        { score: 2 },
        { score: ['smileys', 'Selon vous, comment les usagers jugent-ils ce service ?'] },
      );
      Object.assign(agent.data, { audience: 'agent' });
      for (const event of [user, agent]) assert.equal((await post(collector.url, event)).status, 201);
      const html = text(await dashboard());
      assert.match(html, /Comment ça s’est passé \?/);
      assert.doesNotMatch(html, /jugent-ils/);
    });
  });
}
