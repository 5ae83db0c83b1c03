import { createUserSchema, updateUserSchema, type UserService } from '../../../core/users/users';
import { idParams, type Api } from '../api';

export function userRoutes(api: Api, users: UserService): void {
  const admin = ['admin'] as const;
  api.route({ method: 'get', path: '/api/users', summary: 'List users', tag: 'users', roles: admin }, () => users.list());
  api.route({ method: 'post', path: '/api/users', summary: 'Create a user', tag: 'users', roles: admin, body: createUserSchema, status: 201 }, ({ body, user, ip }) =>
    users.create(body, { userId: user.id, ip }),
  );
  api.route({ method: 'patch', path: '/api/users/:id', summary: 'Change a user', tag: 'users', roles: admin, params: idParams, body: updateUserSchema }, ({ params, body, user, ip }) =>
    users.update(params.id, body, { userId: user.id, ip }),
  );
  api.route({ method: 'delete', path: '/api/users/:id', summary: 'Delete a user', tag: 'users', roles: admin, params: idParams }, async ({ params, user, ip }) => {
    await users.remove(params.id, { userId: user.id, ip });
  });
}
