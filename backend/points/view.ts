import type { Application } from '@domain/points/application';
import type { ApplicationView } from '@domain/api';
import type { Deps } from '../runtime/deps';
import { photoViews } from '../moderation/photos';

/** The application as this viewer sees it: photos held until they pass their content check (backend/moderation/photos.ts). */
export async function toView(app: Application, deps: Pick<Deps, 'db' | 'files' | 'content' | 'now'>, viewerId: string | null): Promise<ApplicationView> {
  return { ...app, photos: await photoViews(deps, app.photos, viewerId) };
}
