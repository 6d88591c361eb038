import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureBridgeKey } from './api/transport';
import { App } from './app/App';
import { loadCatalog } from './i18n';
import { usePreferences } from './stores/preferences';
import './app/global.css';

captureBridgeKey();
// The active language's catalog is its own chunk; the first render needs it.
await loadCatalog(usePreferences.getState().locale);
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
