// Registers every element and re-exports the classes and types, for integrators using npm.
export { VoixConfig } from './core/config.js';
export { voixConfigContext, type VoixConfigValue } from './core/config-context.js';
export type { VoixEnvelope, VoixEventType } from './core/envelope.js';
export {
  VoixEvent,
  type VoixErrorEvent,
  type VoixEventDetails,
  type VoixQueuedEvent,
  type VoixSentEvent,
  type VoixSubmitEvent,
} from './core/events.js';
export { registerLocale } from './core/languages.js';
export type { Message, VoixStrings } from './core/localize.js';
export { scrubPersonalData } from './core/scrub.js';
export type { SubmitState } from './core/submit-controller.js';
export type { SendResult, TransportName, VoixSend, VoixTarget } from './core/transport.js';
export { VERSION } from './core/version.js';
export type { WidgetState } from './core/voix-widget.js';
export type { Definition, Question, Scale, Step, Text } from './engine/definition.js';
export type { FeedbackAnswers } from './widgets/feedback/feedback.js';
export type { PollAnswers } from './widgets/poll/poll.js';
export type { PetitionAnswers, PetitionField, Threshold } from './widgets/petition/petition.js';
export { VoixLauncher } from './widgets/launcher/launcher.js';
// generated: widgets (scripts/generate.mjs, from src/event-types.ts: edit the registry, then npm run generate)
export { VoixFeedback } from './widgets/feedback/feedback.js';
export { VoixRating } from './widgets/rating/rating.js';
export { VoixSurvey } from './widgets/survey/survey.js';
export { VoixPoll } from './widgets/poll/poll.js';
export { VoixPetition } from './widgets/petition/petition.js';
export { VoixIdea } from './widgets/idea/idea.js';
export { VoixReport } from './widgets/report/report.js';
export { VoixPulse } from './widgets/pulse/pulse.js';
// end of generated widgets
