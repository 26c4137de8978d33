export { HomeService } from './home.service';
export { homeRoutes, homePath, HOME_ORDER } from './home.routes';
