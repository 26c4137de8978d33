export { Workshop, LEGAL_FORMS, displayName } from './workshop.model';
export { listWorkshopOptions, workshopNames, type WorkshopOption } from './workshops.service';
