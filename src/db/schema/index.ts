export * from "./analytics";
export * from "./clips";
export * from "./engagement";
export * from "./ledger";
export * from "./notification-preferences";
export * from "./personal";
export * from "./submissions";
export * from "./users";
