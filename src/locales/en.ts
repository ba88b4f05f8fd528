import type { VoixStrings } from '../core/localize.js';

export const en: VoixStrings = {
  yes: 'Yes',
  no: 'No',
  submit: 'Send',
  sending: 'Sending…',
  sent: 'Thank you for your feedback!',
  queued: 'Your answer will be sent as soon as the connection is back.',
  errorStatus: 'Your answer could not be sent (error {status}).',
  retry: 'Try again',
  next: 'New response',
  commentLabel: 'Your comment (optional)',
  commentWarning: 'Do not write personal data (name, phone number, e-mail…): it would be removed.',
  commentRemaining: { one: 'You have {count} character left.', other: 'You have {count} characters left.' },
  privacyLink: 'How your answers are used',
  feedbackQuestion: 'Was this page helpful?',
  feedbackReasonsLegend: 'What was wrong?',
  feedbackReasons:
    'incomplete:The information is incomplete;unclear:The information is unclear;outdated:The information is out of date;not-found:I did not find what I was looking for;broken:The online procedure does not work;other:Another reason',
  feedbackMore: 'Thank you! Would you like to tell us more?',
  feedbackSentDetail: 'It will be read by the team who writes this page.',
};
