import { defineConfig } from 'vite';

// Vite 8 compiles JSX itself (React's automatic runtime, from tsconfig's "jsx": "react-jsx"): no plugin needed to build.
export default defineConfig({});
