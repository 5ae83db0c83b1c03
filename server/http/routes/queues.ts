import { queueInputSchema, queuePatchSchema, type QueueService } from '../../../core/queues/queue-service';
import { idParams, type Api } from '../api';

export function queueRoutes(api: Api, queues: QueueService, onChange: () => Promise<void>): void {
  api.route({ method: 'get', path: '/api/queues', summary: 'List queues with their routing settings', tag: 'queues', roles: ['agent'] }, () => queues.list());
  api.route({ method: 'get', path: '/api/queues/:id', summary: 'One queue', tag: 'queues', roles: ['agent'], params: idParams }, ({ params }) => queues.get(params.id));
  api.route({ method: 'post', path: '/api/queues', summary: 'Create a queue', tag: 'queues', roles: ['admin'], body: queueInputSchema, status: 201 }, async ({ body, user, ip }) => {
    const created = await queues.create(body, { userId: user.id, ip });
    await onChange();
    return created;
  });
  api.route({ method: 'patch', path: '/api/queues/:id', summary: 'Change a queue', tag: 'queues', roles: ['admin'], params: idParams, body: queuePatchSchema }, async ({ params, body, user, ip }) => {
    const updated = await queues.update(params.id, body, { userId: user.id, ip });
    await onChange();
    return updated;
  });
  api.route({ method: 'delete', path: '/api/queues/:id', summary: 'Delete a queue', tag: 'queues', roles: ['admin'], params: idParams }, async ({ params, user, ip }) => {
    await queues.remove(params.id, { userId: user.id, ip });
    await onChange();
  });
}
