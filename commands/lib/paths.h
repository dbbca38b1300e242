/* Path names for the utilities: the last component, joining a directory and a name, and the
 * "src... dir" operands that cp, mv and ln share. */
#ifndef COMMANDS_PATHS_H
#define COMMANDS_PATHS_H

/* The last component, trailing slashes left on: "a/b/" -> "b/", "/" -> "/". */
const char *base_name(const char *path);
/* dir/name in new memory (one slash between); out of memory ends the program with status 1
 * after saying so as prog. */
char *path_join(const char *prog, const char *dir, const char *name);

/* The operands "src target" or "src... dir": op(src, dst) for each source, dst being target
 * itself or, if target is a directory, target/<last component of src>. Several sources need
 * a directory. The statuses of op or'ed together, or 1 after an error said as prog. */
int each_target(const char *prog, char **srcs, int nsrcs, const char *target,
                int (*op)(const char *src, const char *dst));

#endif
