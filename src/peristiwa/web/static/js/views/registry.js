// Every view of the app, one module each. To add a view: write views/<name>.js exporting
// `render(main, ctx)` (and `titleKey`), import it here, and add its name to NAV if it belongs in the menu.

import * as actor from './actor.js';
import * as actors from './actors.js';
import * as article from './article.js';
import * as dyad from './dyad.js';
import * as event from './event.js';
import * as events from './events.js';
import * as home from './home.js';
import * as kb from './kb.js';
import * as map from './map.js';
import * as network from './network.js';
import * as quotes from './quotes.js';
import * as search from './search.js';
import * as stories from './stories.js';
import * as story from './story.js';
import * as watch from './watch.js';

export const VIEWS = {
  home, search, article, event, events, map, actors, actor, dyad, network, stories, story, quotes, kb, watch,
};

// The menu, in order: [view name, label key].
export const NAV = [
  ['home', 'nav.home'],
  ['events', 'nav.events'],
  ['map', 'nav.map'],
  ['actors', 'nav.actors'],
  ['network', 'nav.network'],
  ['stories', 'nav.stories'],
  ['quotes', 'nav.quotes'],
  ['kb', 'nav.kb'],
  ['watch', 'nav.watch'],
];

export const DEFAULT_VIEW = 'home';
