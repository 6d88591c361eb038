import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { captureBridgeKey } from './api/transport';
import { App } from './app/App';
import './app/global.css';

captureBridgeKey();
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
