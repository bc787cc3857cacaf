/// <reference types="vite-plugin-pwa/vanillajs" />
import { mount } from 'svelte';
import App from './ui/App.svelte';
import { registerServiceWorker } from './state/app-update.svelte.ts';
import './ui/app.css';

const target = document.getElementById('app');
if (!target) throw new Error('index.html must contain #app');
mount(App, { target });
registerServiceWorker();
