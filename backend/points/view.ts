import type { Application } from '@domain/points/application';
import type { ApplicationView } from '@domain/api';
import type { FileStore } from '../files/port';

export async function toView(app: Application, files: FileStore): Promise<ApplicationView> {
  const photos = await Promise.all(app.photos.map(async (fileId) => ({ fileId, url: await files.url(fileId) })));
  return { ...app, photos };
}
