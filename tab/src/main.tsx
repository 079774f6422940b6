import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { connectHost } from './host/teamsHost';
import { pageFromUrl } from './pages';
import { Root } from './Root';

const container = document.getElementById('root');
if (container) {
  createRoot(container).render(
    <StrictMode>
      <Root page={pageFromUrl(window.location.search)} connect={connectHost} />
    </StrictMode>,
  );
}
