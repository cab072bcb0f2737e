/**
 * What every service of both servers answers with, free of any transport: {@link
 * com.valuekiosk.server.service.Outcome} (a decision, stored under its request id) and {@link
 * com.valuekiosk.server.service.Refused} (no decision, nothing stored). The HTTP layer turns both into
 * status codes and error bodies.
 */
package com.valuekiosk.server.service;
