import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { prefetchFeed } from './feed/useFeed';
import { createClient } from './urql/client';
import './index.css';

// The client is made before React renders, so that a first visit to the list
// asks for its first page at once (the app's first render takes a while).
const client = createClient();
if (window.location.pathname === '/alerts') prefetchFeed(client, window.location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
