# Replaces the password chat publishes for its admin account, then proves the published one is
# refused. Runs in the chat image (alpine: busybox sh, wget, md5sum); uses no wget option busybox
# may lack (its -T is optional), and the Job's deadline bounds a call that hangs.
#
# Facts, at chat v1.8.4-patch.5:
# - admin-rpc creates each account of share.yml chatAdmin (default chatAdmin) on its first start
#   with the password hex(md5(account)) (internal/rpc/admin/start.go initAdmin), and leaves an
#   existing account alone on later starts.
# - admin-api: POST /account/login {account, password} answers data.adminToken and
#   data.adminUserID; POST /account/change_password {userID, currentPassword, newPassword} needs
#   the admin token in header "token" (internal/api/admin/start.go SetAdminRoute,
#   internal/api/mw/mw.go CheckAdmin). Every POST needs header operationID (openimsdk/tools
#   v0.0.50-alpha.113 mw/gin.go GinParseOperationID).
# - Passwords are compared as sent (internal/rpc/admin/admin.go Login, ChangeAdminPassword); the
#   published login sends md5 in hex, so the new password is stored as md5 in hex as well.
# - Answers are HTTP 200 with {"errCode":N,...}; 20001 PasswordError, 20002 AccountNotFound
#   (pkg/eerrs/predefine.go; openimsdk/tools apiresp/resp.go).
#
# Environment: ADMIN_API (http://host:port), ADMIN_ACCOUNT, NEW_PASSWORD, WAIT_SECONDS,
# POLL_SECONDS. Nothing secret is printed, and no password is on a command line: request bodies go
# through an owner-only file (wget --post-file), since admin-api takes the md5 as the password
# itself. The admin token of a change does pass in a header argument (busybox wget reads headers
# only from its arguments); it is valid for that one call's session only.
set -eu
body=$(mktemp "${TMPDIR:-/tmp}/chat-admin.XXXXXX")
trap 'rm -f "$body"' EXIT

md5hex() { printf '%s' "$1" | md5sum | cut -d' ' -f1; }
field() { printf '%s' "$2" | sed -n "s/.*\"$1\":\"\\([^\"]*\\)\".*/\\1/p"; }
errcode() { printf '%s' "$1" | sed -n 's/.*"errCode":\([0-9-]*\).*/\1/p'; }

published=$(md5hex "$ADMIN_ACCOUNT")
wanted=$(md5hex "$NEW_PASSWORD")
deadline=$(( $(date +%s) + WAIT_SECONDS ))
calls=0

# post PATH BODY [TOKEN]: admin-api's answer on standard output; fails when it does not answer.
post() {
  calls=$((calls + 1))
  printf '%s' "$2" > "$body"
  if [ $# -ge 3 ]; then
    wget -q -O - --header 'Content-Type: application/json' \
      --header "operationID: openim-deploy-chat-admin-$calls" --header "token: $3" \
      --post-file "$body" "$ADMIN_API$1"
  else
    wget -q -O - --header 'Content-Type: application/json' \
      --header "operationID: openim-deploy-chat-admin-$calls" \
      --post-file "$body" "$ADMIN_API$1"
  fi
}

# login PASSWORD_MD5: sets $code (0, 20001 or 20002) and $answer, waiting while admin-api, or
# admin-rpc and OpenIM behind it, are not ready yet.
login() {
  while :; do
    if answer=$(post /account/login "{\"account\":\"$ADMIN_ACCOUNT\",\"password\":\"$1\"}"); then
      code=$(errcode "$answer")
      case "$code" in
        0|20001|20002) return 0 ;;
      esac
      echo "admin-api answered errCode ${code:-none} ($(field errMsg "$answer")); waiting for chat to be ready"
    else
      echo "admin-api at $ADMIN_API does not answer yet"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "gave up after ${WAIT_SECONDS}s: admin-api at $ADMIN_API never answered a login; see the logs of"
      echo "admin-api and admin-rpc"
      exit 1
    fi
    sleep "$POLL_SECONDS"
  done
}

login "$wanted"
if [ "$code" = 0 ]; then
  echo "$ADMIN_ACCOUNT already has the password of the credentials Secret"
else
  login "$published"
  case "$code" in
    0)
      token=$(field adminToken "$answer")
      user=$(field adminUserID "$answer")
      if [ -z "$token" ] || [ -z "$user" ]; then
        echo "admin-api accepted the published login but its answer has no adminToken or adminUserID"
        exit 1
      fi
      changed=$(post /account/change_password \
        "{\"userID\":\"$user\",\"currentPassword\":\"$published\",\"newPassword\":\"$wanted\"}" "$token") || {
        echo "admin-api did not answer the password change"; exit 1; }
      if [ "$(errcode "$changed")" != 0 ]; then
        echo "admin-api refused the password change: errCode $(errcode "$changed") ($(field errMsg "$changed"))"
        exit 1
      fi
      login "$wanted"
      if [ "$code" != 0 ]; then
        echo "after the change admin-api refuses the new password (errCode $code)"
        exit 1
      fi
      echo "replaced the published password of $ADMIN_ACCOUNT with the one in the credentials Secret"
      ;;
    20002)
      echo "admin-api has no account $ADMIN_ACCOUNT: nothing carries the published password"
      ;;
    *)
      echo "the password of $ADMIN_ACCOUNT is neither the published one nor the credentials Secret's: it was"
      echo "changed by other means and is left as it is"
      ;;
  esac
fi

login "$published"
if [ "$code" = 0 ]; then
  echo "admin-api still accepts the published login of $ADMIN_ACCOUNT"
  exit 1
fi
echo "admin-api refuses the published login of $ADMIN_ACCOUNT (errCode $code)"
