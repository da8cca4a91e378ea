import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { LOGIN_PATH } from './auth/next';
import { loadSession } from './auth/session';
import { prefetchFeed } from './feed/useFeed';
import { createClient } from './urql/client';
import './index.css';

// The session check and the client are made before React renders, so that
// a first visit to the list asks for its first page at once (the app's first
// render takes a while). Both run together: a 401 from either signs out.
const client = createClient();
if (window.location.pathname !== LOGIN_PATH) void loadSession();
if (window.location.pathname === '/alerts') prefetchFeed(client, window.location.search);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
