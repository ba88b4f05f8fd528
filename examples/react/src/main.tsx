import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';
// The elements, defined before React renders them: an array given to an element not yet defined would become a text attribute.
import 'voix-widgets/config.js';
import 'voix-widgets/rating.js';
import 'voix-widgets/poll.js';
import type { VoixSentEvent } from 'voix-widgets';
// Once in the application: the tags in React's JSX, their attributes and events typed.
import type {} from 'voix-widgets/react';

/** Where answers go: the collectivité's collector, given at build time (`VITE_VOIX_ENDPOINT=… npm run build`). */
const endpoint = import.meta.env.VITE_VOIX_ENDPOINT ?? 'https://avis.ma-commune.fr/v1/events';

function App() {
  const [received, setReceived] = useState<string[]>([]);
  // Typed from the package: detail.envelope is the CloudEvents envelope, detail.status the collector's answer.
  const onSent = (event: VoixSentEvent) => setReceived((list) => [...list, `${event.detail.envelope.type} ${event.detail.status}`]);
  return (
    <voix-config endpoint={endpoint} site="exemple-react">
      <main>
        <h1>Mairie de Démo</h1>
        <voix-rating
          subject="accueil-mairie"
          label="L’accueil de la mairie"
          scale="stars"
          criteria={['Accueil', 'Délai']}
          onvoix-sent={onSent}
        />
        <voix-poll
          subject="parc-2027"
          question="Quel projet pour le parc en 2027 ?"
          options={['jardins:Jardins partagés', 'velo:Pistes cyclables', 'jeux:Aires de jeux']}
          onvoix-sent={onSent}
        />
        <p role="status">{received.length ? `Reçu par le collecteur : ${received.join(', ')}` : ''}</p>
      </main>
    </voix-config>
  );
}

createRoot(document.getElementById('app')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
