// electron-vite's import suffixes for the main process (`?modulePath`: a separately built worker's path).
/// <reference types="electron-vite/node" />
