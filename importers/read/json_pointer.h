/* JSON Pointers (RFC 6901): how mapping files say where a value is. */
#ifndef PF_IMPORTERS_READ_JSON_POINTER_H
#define PF_IMPORTERS_READ_JSON_POINTER_H

#include <jansson.h>
#include <stdbool.h>

/*
 * Resolves an RFC 6901 JSON Pointer (`""` is the whole value, `/a~1b/0`
 * is member "a/b", then element 0) in a jansson value. Returns the value
 * (borrowed from root), or NULL when the pointer is malformed or finds
 * nothing.
 */
json_t *pf_json_pointer(json_t *root, const char *pointer);

/* Syntax only: empty, or starting with '/', and every '~' followed by 0 or 1. */
bool pf_json_pointer_valid(const char *p);
/* A pointer as a message's place: NULL for "" (the whole document), left out of locations. */
const char *pf_json_pointer_pos(const char *p);

#endif
