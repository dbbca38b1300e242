/* Path names: copying them from callers, walking them component by component through the
 * file servers (across mount points, "..", and symbolic links), and the textual working
 * directory getcwd reports. */
#include "vfs.h"

#define SYMLINK_MAX 8

int copy_path(endpoint_t from, grant_id_t g, uint32_t len, char *path)
{
    if (len == 0)
        return -ENOENT;
    if (len >= OS_PATH_MAX)
        return -ENAMETOOLONG;
    int r = sys_safecopyfrom(from, g, 0, path, len);
    if (r != OK)
        return r;
    path[len] = '\0';
    return strlen(path) == len ? OK : -EINVAL;
}

static struct vnode *root_vnode(void)
{
    if (!mounts[0].used && mount_root() != OK)
        return NULL;
    return mounts[0].root;
}

static int is_dir(const struct vnode *vn)
{
    return (vn->mode & OS_S_IFMT) == OS_S_IFDIR;
}

/* One name in a directory: ".." leaves a mounted file system through the directory it
 * covers; a directory something is mounted on is replaced by that mount's root. */
int lookup_name(struct vnode *dir, const char *name, struct vnode **out)
{
    if (!is_dir(dir))
        return -ENOTDIR;
    if (strcmp(name, ".") == 0) {
        vnode_hold(dir);
        *out = dir;
        return OK;
    }
    if (strcmp(name, "..") == 0) {
        while (mounts[dir->mnt].root == dir && mounts[dir->mnt].covered)
            dir = mounts[dir->mnt].covered;
        if (dir == mounts[0].root) {
            vnode_hold(dir);
            *out = dir;
            return OK;
        }
    }
    size_t len = strlen(name);
    if (len > NAME_MAX)
        return -ENAMETOOLONG;
    endpoint_t fs = mounts[dir->mnt].fs;
    message m = { 0 };
    m.m.fs.ino = dir->ino;
    m.m.fs.grant = grant_make(fs, (void *)name, len, GRANT_READ);
    m.m.fs.len = (uint32_t)len;
    int r = fs_request(dir->mnt, FS_LOOKUP, &m);
    grant_revoke(m.m.fs.grant);
    if (r != OK)
        return r;
    struct vnode *vn = vnode_get(dir->mnt, m.m.fs.ino, m.m.fs.mode, m.m.fs.pos);
    if (!vn)
        return -ENFILE;
    if (is_dev(vn)) {                    /* its device number comes with the full stat */
        struct vfs_stat st;
        fs_stat(vn, &st);
    }
    while (vn->covered_by >= 0) {
        struct vnode *root = mounts[vn->covered_by].root;
        vnode_put(vn);
        vnode_hold(root);
        vn = root;
    }
    *out = vn;
    return OK;
}

static int read_link(struct vnode *vn, char *buf, uint32_t size)
{
    message m = { 0 };
    m.m.fs.ino = vn->ino;
    m.m.fs.grant = grant_make(mounts[vn->mnt].fs, buf, size - 1, GRANT_WRITE);
    m.m.fs.len = size - 1;
    int r = fs_request(vn->mnt, FS_READLINK, &m);
    grant_revoke(m.m.fs.grant);
    if (r < 0)
        return r;
    buf[r] = '\0';
    return r;
}

/* Walks path from the root or the working directory. With `last`, stops at the last
 * component's directory and copies the component there. follow: a final symlink is
 * followed. *out is held; vnode_put it. */
static int walk(struct fproc *p, const char *path, int follow, char *last, struct vnode **out)
{
    static char buf[OS_PATH_MAX], link[OS_PATH_MAX];
    struct vnode *root = root_vnode();
    if (!root)
        return -ENOENT;
    if (!p->cwd) {
        p->cwd = root;
        vnode_hold(root);
    }
    if (strlen(path) >= sizeof buf)
        return -ENAMETOOLONG;
    strcpy(buf, path);
    struct vnode *dir = buf[0] == '/' ? root : p->cwd;
    vnode_hold(dir);
    char *s = buf;
    int links = 0;
    for (;;) {
        while (*s == '/')
            s++;
        char *end = s;
        while (*end && *end != '/')
            end++;
        char *rest = end;
        while (*rest == '/')
            rest++;
        int final = *rest == '\0';
        if (*s == '\0') {            /* "/" or trailing slashes: the directory itself */
            if (last) {
                vnode_put(dir);
                return -EEXIST;
            }
            *out = dir;
            return OK;
        }
        if (end - s > NAME_MAX) {
            vnode_put(dir);
            return -ENAMETOOLONG;
        }
        char name[NAME_MAX + 1];
        memcpy(name, s, (size_t)(end - s));
        name[end - s] = '\0';
        if (final && last) {
            if (!is_dir(dir)) {
                vnode_put(dir);
                return -ENOTDIR;
            }
            strcpy(last, name);
            *out = dir;
            return OK;
        }
        struct vnode *next;
        int r = lookup_name(dir, name, &next);
        if (r != OK) {
            vnode_put(dir);
            return r;
        }
        if ((next->mode & OS_S_IFMT) == OS_S_IFLNK && (!final || follow || *end == '/')) {
            if (++links > SYMLINK_MAX) {
                r = -ELOOP;
            } else {
                r = read_link(next, link, sizeof link);
                if (r >= 0 && (size_t)r + strlen(rest) + 2 >= sizeof buf)
                    r = -ENAMETOOLONG;
            }
            vnode_put(next);
            if (r < 0) {
                vnode_put(dir);
                return r;
            }
            strcat(link, "/");
            strcat(link, rest);
            strcpy(buf, link);
            s = buf;
            if (buf[0] == '/') {
                vnode_put(dir);
                dir = root;
                vnode_hold(dir);
            }
            continue;
        }
        vnode_put(dir);
        dir = next;
        s = rest;
        if (final) {
            *out = dir;
            return OK;
        }
    }
}

int path_lookup(struct fproc *p, const char *path, int follow, struct vnode **out)
{
    return walk(p, path, follow, NULL, out);
}

int path_parent(struct fproc *p, const char *path, struct vnode **dir, char *last)
{
    return walk(p, path, 0, last, dir);
}

/* cwd joined with path, with ".", ".." and repeated slashes taken out, as text. */
int path_normalize(const char *cwd, const char *path, char *out)
{
    char tmp[2 * OS_PATH_MAX];
    if (path[0] == '/')
        strcpy(tmp, path);
    else {
        strcpy(tmp, cwd);
        strcat(tmp, "/");
        strcat(tmp, path);
    }
    size_t n = 0;
    out[n++] = '/';
    for (char *s = tmp; *s;) {
        while (*s == '/')
            s++;
        char *e = s;
        while (*e && *e != '/')
            e++;
        size_t len = (size_t)(e - s);
        if (len == 0 || (len == 1 && s[0] == '.')) {
        } else if (len == 2 && s[0] == '.' && s[1] == '.') {
            while (n > 1 && out[n - 1] != '/')
                n--;
            if (n > 1)
                n--;
        } else {
            if (n + len + 2 > OS_PATH_MAX)
                return -ENAMETOOLONG;
            if (n > 1)
                out[n++] = '/';
            memcpy(out + n, s, len);
            n += len;
        }
        s = e;
    }
    out[n] = '\0';
    return OK;
}
