import { createApp } from 'vue';
// The elements, defined before Vue renders them, so that arrays are bound as properties.
import 'voix-widgets/config.js';
import 'voix-widgets/rating.js';
import 'voix-widgets/poll.js';
// Once in the application: the tags in Vue's GlobalComponents, checked by vue-tsc in templates.
import type {} from 'voix-widgets/vue';
import App from './App.vue';

createApp(App).mount('#app');
