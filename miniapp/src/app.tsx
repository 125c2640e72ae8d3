import { useState, type PropsWithChildren } from 'react';
import { QueryClientProvider } from '@tanstack/react-query';
import { createQueryClient } from './lib/query-client.ts';
import { installPrivacyGuide } from './lib/privacy.ts';
import './app.css';

installPrivacyGuide();

/** The app shell: pages render inside the query cache's provider. */
function App({ children }: PropsWithChildren) {
  const [queryClient] = useState(createQueryClient);
  return <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>;
}

export default App;
