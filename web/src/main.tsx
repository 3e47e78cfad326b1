import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.tsx';
import { AuthProvider } from './auth.tsx';
import { findRoute, loadPage } from './routes.ts';
import './styles.css';

// Fetch the first page's code while the session is being checked, not after.
const first = findRoute(window.location.pathname);
if (first) loadPage(first.route).catch(() => undefined);

const root = document.getElementById('root');
if (!root) throw new Error('no #root element in index.html');
createRoot(root).render(
  <StrictMode>
    <AuthProvider>
      <App />
    </AuthProvider>
  </StrictMode>,
);
