export * from "./organisations";
export * from "./users";
export * from "./audit";
export * from "./mous";
export * from "./cases";
export * from "./evidence";
export * from "./notifications";
export * from "./mou-documents";
