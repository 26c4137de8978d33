export { HomeService } from './home.service';
export { homeRoutes, homePath, HOME_ORDER } from './home.routes';
export { homeSources, type HomeSources } from './home.sources';
