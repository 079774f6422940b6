import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectHost } from './host/teamsHost';
import { pageFromUrl } from './pages';
import { Root } from './Root';

// Connecting to Teams starts before the first render, not after it.
const host = connectHost();
const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root page={pageFromUrl(window.location.search)} connect={() => host} />
    </StrictMode>,
  );
}
