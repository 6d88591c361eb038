import { v7 as uuidv7 } from 'uuid';

/** Record ids are UUIDv7 text: time-ordered, and safe to merge across installs (ARCHITECTURE "Data"). */
export type IdGenerator = () => string;

export const newId: IdGenerator = () => uuidv7();
