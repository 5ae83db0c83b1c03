import { z } from 'zod';

/** Every interaction has one media type; one router serves them all. */
export const mediaSchema = z.enum(['voice', 'video', 'webim', 'wechat', 'sms', 'email']);
export type Media = z.infer<typeof mediaSchema>;
export const allMedia = mediaSchema.options;

export const capacitySchema = z.partialRecord(mediaSchema, z.number().int().min(0).max(50));
export type Capacity = z.infer<typeof capacitySchema>;

export const defaultCapacity: Capacity = { voice: 1, video: 1, webim: 5, wechat: 5, sms: 5, email: 10 };
