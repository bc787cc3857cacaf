// Global indexedDB for Dexie under Node, and DOM matchers for component tests.
import 'fake-indexeddb/auto';
import '@testing-library/jest-dom/vitest';
