import 'express-session';

declare global {
  namespace Express {
    /** The signed-in account as every request sees it (loaded fresh on each request). */
    interface User {
      id: string;
      name: string;
      roles: string[];
      workshopId?: string;
      language: 'id' | 'en';
    }
    interface Request {
      lng: 'id' | 'en';
    }
  }
}

declare module 'express-session' {
  interface SessionData {
    flash?: { type: 'success' | 'error' | 'info'; key: string; params?: Record<string, string | number>; link?: { href: string; key: string } }[];
    csrfToken?: string;
  }
}

export {};
