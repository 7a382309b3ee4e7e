/** Every message key, from both Vietnamese files (types only: nothing here is bundled). */
import type { vi } from './vi';
import type { viScreens } from './vi-screens';

export type MessageKey = keyof typeof vi | keyof typeof viScreens;
