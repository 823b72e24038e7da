# shellcheck shell=bash
# `bin/lifeline token`: a local development JWT (RS256) minted with openssl only.
# Claims: iss=lifeline-dev, sub and upn = subject, groups = roles, iat, exp, jti.
# The services verify it with LIFELINE_JWT_PUBLIC_KEY (.lifeline/keys/jwt-public.pem).

TOKEN_ROLES_ALLOWED="operator approver"

# The key pair (RSA 2048) is generated once, by `up` or `token`, whichever comes first.
ensure_jwt_keys() {
  [[ -s "$JWT_PRIVATE_KEY" && -s "$JWT_PUBLIC_KEY" ]] && return 0
  require_cmd openssl
  mkdir -p "$KEYS_DIR"
  chmod 700 "$KEYS_DIR"
  local tmp="$KEYS_DIR/.new.$$"
  (
    umask 077
    openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$tmp.private" 2>/dev/null
  ) || die "openssl could not generate the JWT key pair"
  openssl pkey -in "$tmp.private" -pubout -out "$tmp.public" 2>/dev/null || die "openssl could not derive the JWT public key"
  chmod 600 "$tmp.private"
  chmod 644 "$tmp.public"
  mv "$tmp.private" "$JWT_PRIVATE_KEY"
  mv "$tmp.public" "$JWT_PUBLIC_KEY"
  info "generated the dev JWT key pair: $(relpath "$JWT_PRIVATE_KEY") (mode 600), $(relpath "$JWT_PUBLIC_KEY")"
}

b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }

# json_string VALUE: a JSON string literal (quotes, backslashes and control characters escaped).
json_string() {
  local s="$1"
  s="${s//\\/\\\\}"; s="${s//\"/\\\"}"
  s="${s//$'\n'/\\n}"; s="${s//$'\r'/\\r}"; s="${s//$'\t'/\\t}"
  printf '"%s"' "$s"
}

token_usage() {
  cat <<EOF
Usage: bin/lifeline token [--role operator|approver ...] [--subject NAME] [--ttl SECONDS]

Prints a development JWT (RS256) on stdout, nothing else:   TOKEN=\$(bin/lifeline token)
  --role ROLE      operator (default) or approver; repeat (or comma-separate) for several
  --subject NAME   sub and upn claims (default: \$USER, else dev)
  --ttl SECONDS    lifetime (default 3600)
Claims: iss=$JWT_ISSUER, sub, upn, groups, iat, exp, jti. Signed with .lifeline/keys/jwt-private.pem;
services verify with .lifeline/keys/jwt-public.pem (LIFELINE_JWT_PUBLIC_KEY).
Use: curl -H "Authorization: Bearer \$TOKEN" http://127.0.0.1:8081/...
EOF
}

token_main() {
  local roles=() subject="${USER:-}" ttl=3600 role r
  [[ -n "$subject" ]] || subject=dev
  while (( $# > 0 )); do
    case "$1" in
      --role|--roles) [[ $# -ge 2 ]] || usage_error "$1 needs a value"; IFS=',' read -ra r <<<"$2"; roles+=("${r[@]}"); shift 2 ;;
      --role=*|--roles=*) IFS=',' read -ra r <<<"${1#*=}"; roles+=("${r[@]}"); shift ;;
      --subject) [[ $# -ge 2 ]] || usage_error "--subject needs a value"; subject="$2"; shift 2 ;;
      --subject=*) subject="${1#*=}"; shift ;;
      --ttl) [[ $# -ge 2 ]] || usage_error "--ttl needs a value"; ttl="$2"; shift 2 ;;
      --ttl=*) ttl="${1#*=}"; shift ;;
      -h|--help) token_usage; return 0 ;;
      *) usage_error "unknown token option '$1'" ;;
    esac
  done
  (( ${#roles[@]} > 0 )) || roles=(operator)
  for role in "${roles[@]}"; do
    [[ " $TOKEN_ROLES_ALLOWED " == *" $role "* ]] || usage_error "unknown role '$role' (known: ${TOKEN_ROLES_ALLOWED// /, })"
  done
  [[ -n "$subject" ]] || usage_error "--subject must not be empty"
  require_positive_int "--ttl" "$ttl"

  ensure_jwt_keys
  local iat exp jti groups="" header payload signing_input signature
  iat="$(date +%s)"
  exp=$(( iat + ttl ))
  jti="$(cat /proc/sys/kernel/random/uuid 2>/dev/null || openssl rand -hex 16)"
  # de-duplicated, in the given order
  local seen=" "
  for role in "${roles[@]}"; do
    [[ "$seen" == *" $role "* ]] && continue
    seen+="$role "
    groups+="${groups:+,}$(json_string "$role")"
  done
  header='{"alg":"RS256","typ":"JWT"}'
  payload="{\"iss\":$(json_string "$JWT_ISSUER"),\"sub\":$(json_string "$subject"),\"upn\":$(json_string "$subject"),\"groups\":[$groups],\"iat\":$iat,\"exp\":$exp,\"jti\":$(json_string "$jti")}"
  signing_input="$(printf '%s' "$header" | b64url).$(printf '%s' "$payload" | b64url)"
  signature="$(printf '%s' "$signing_input" | openssl dgst -sha256 -sign "$JWT_PRIVATE_KEY" -binary | b64url)" \
    && [[ -n "$signature" ]] || die "openssl could not sign the token with $JWT_PRIVATE_KEY"
  printf '%s.%s\n' "$signing_input" "$signature"
}
