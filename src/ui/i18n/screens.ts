/** Side-effect module: registers the Vietnamese messages of the lazy screens. Imported by App.tsx's lazy loaders. */
import { addMessages } from './index';
import { viScreens } from './vi-screens';

addMessages('vi', viScreens);
