#!/bin/sh
# containerlings: `aws ecr ...` goes to the local ECR endpoint (@ENDPOINT@) unless CONTAINERLINGS_AWS=real.
# In real mode, a repository made by `aws ecr create-repository` is tagged as containerlings' own, so that
# `containerlings aws cleanup` can find it; what the command prints and its exit code stay the same.
# Where this wrapper is, with the shell alone (PATH may hold nothing else): never run it as the aws CLI.
case "$0" in */*) here=${0%/*} ;; *) here=. ;; esac
here=$(cd "$here" && pwd) || exit 127
# Which aws CLI: the first version 2 on PATH (a pip-installed 1.x often comes first), else the first aws there is,
# with a warning, as the lessons are written for version 2. Asking a CLI its version takes a second or more, so
# the choice is kept in $here/.aws-cli for as long as PATH offers the same candidates.
# CONTAINERLINGS_AWS_WHICH=1 prints the choice (path, then version), then each CLI asked (path<TAB>version): doctor.
candidates="" saved_ifs=$IFS
set -f
IFS=:
for d in $PATH; do
  if [ -z "$d" ] || [ "$d" = "$here" ] || [ ! -f "$d/aws" ] || [ ! -x "$d/aws" ]; then continue; fi
  case ":$candidates:" in *":$d/aws:"*) continue ;; esac
  candidates="${candidates:+$candidates:}$d/aws"
done
IFS=$saved_ifs
real="" version="" seen="" cache="$here/.aws-cli"
if [ -r "$cache" ]; then
  {
    read -r key
    read -r real
    read -r version
    while IFS= read -r line; do seen="$seen$line
"; done
  } <"$cache"
  if [ "$key" != "$candidates" ] || [ ! -x "$real" ]; then real="" version="" seen=""; fi
fi
if [ -z "$real" ] && [ -n "$candidates" ]; then
  # Asked in PATH order until the first version 2, which is most often the first one.
  first="" first_version="" last_resort=""
  IFS=:
  for c in $candidates; do
    IFS=$saved_ifs
    v=$("$c" --version 2>&1 </dev/null | { read -r line; printf %s "$line"; })
    seen="$seen$c	$v
"
    case "$v" in aws-cli/2.*) real=$c version=$v && break ;; esac
    # A candidate that does not answer as an aws CLI (a pyenv shim with no aws behind it) is the last resort.
    case "$v" in aws-cli/*) if [ -z "$first" ]; then first=$c first_version=$v; fi ;; esac
    if [ -z "$last_resort" ]; then last_resort=$c; fi
  done
  IFS=$saved_ifs
  if [ -z "$real" ]; then real=${first:-$last_resort} version=${first:+$first_version}; fi
  tmp="$cache.$$"
  { printf '%s\n%s\n%s\n%s' "$candidates" "$real" "$version" "$seen" >"$tmp" && mv -f "$tmp" "$cache"; } 2>/dev/null || rm -f "$tmp" 2>/dev/null
fi
set +f
if [ -n "${CONTAINERLINGS_AWS_WHICH:-}" ]; then
  printf '%s\n%s\n%s' "$real" "$version" "$seen"
  [ -n "$real" ]
  exit
fi
if [ -z "$real" ]; then
  echo "containerlings: the aws CLI is not installed (Debian: sudo apt-get install awscli)" >&2
  exit 127
fi
case "$version" in
  aws-cli/2.*) ;;
  *) echo "containerlings: using ${version%% *} at $real, as no aws CLI version 2 is on PATH; the lessons are written for version 2 (install it: Debian 12 and later: sudo apt-get install awscli; elsewhere, AWS's installer)." >&2 ;;
esac
export AWS_PAGER=""
# The service and operation: the first two words that are not options or the values of global options.
service="" operation="" value=""
for arg in "$@"; do
  if [ -n "$value" ]; then value=""; continue; fi
  case "$arg" in
    --region|--profile|--output|--query|--endpoint-url|--ca-bundle|--color|--cli-read-timeout|--cli-connect-timeout|--cli-binary-format) value=1 ;;
    -*) ;;
    *) if [ -z "$service" ]; then service="$arg"; else operation="$arg"; break; fi ;;
  esac
done
if [ "${CONTAINERLINGS_AWS:-local}" = real ]; then
  if [ "$service $operation" != "ecr create-repository" ]; then exec "$real" "$@"; fi
  # `aws ecr create-repository`: without the learner's own tags, ours are added to the command (the repository is
  # never untagged); with theirs (--tags, --cli-input-json), theirs are kept and ours are added by tag-resource once
  # the repository exists. A repository that cannot be tagged is named on stderr.
  with_our_tags() { "$@" "Key=containerlings,Value=true" ${CONTAINERLINGS_WORKSPACE_ID:+"Key=containerlings-workspace,Value=$CONTAINERLINGS_WORKSPACE_ID"}; }
  theirs="" name="" region="" profile="" endpoint_url="" prev=""
  for arg in "$@"; do
    case "$prev" in
      --repository-name) name="$arg" ;;
      --region) region="$arg" ;;
      --profile) profile="$arg" ;;
      --endpoint-url) endpoint_url="$arg" ;;
    esac
    case "$arg" in
      --tags|--tags=*|--cli-input-json|--cli-input-json=*|--cli-input-yaml|--cli-input-yaml=*) theirs=1 ;;
      --generate-cli-skeleton|--generate-cli-skeleton=*) exec "$real" "$@" ;;
      help) case "$prev" in -*) ;; *) exec "$real" "$@" ;; esac ;;
      --repository-name=*) name="${arg#--repository-name=}" ;;
      --region=*) region="${arg#--region=}" ;;
      --profile=*) profile="${arg#--profile=}" ;;
      --endpoint-url=*) endpoint_url="${arg#--endpoint-url=}" ;;
    esac
    prev="$arg"
  done
  if [ -z "$theirs" ]; then with_our_tags exec "$real" "$@" --tags; fi
  out=$(mktemp 2>/dev/null) || exec "$real" "$@"
  "$real" "$@" >"$out"
  code=$?
  cat "$out"
  if [ "$code" -eq 0 ]; then
    arn=$(sed -n 's/.*"repositoryArn": *"\([^"]*\)".*/\1/p' "$out" | head -n 1)
    set -- ${region:+--region "$region"} ${profile:+--profile "$profile"} ${endpoint_url:+--endpoint-url "$endpoint_url"}
    if [ -z "$arn" ] && [ -n "$name" ]; then
      arn=$("$real" "$@" ecr describe-repositories --repository-names "$name" --query 'repositories[0].repositoryArn' --output text 2>/dev/null)
    fi
    if [ -z "$arn" ] || ! with_our_tags "$real" "$@" ecr tag-resource --resource-arn "$arn" --tags >/dev/null 2>&1; then
      echo "containerlings: could not tag ${name:-the new repository} as created by containerlings, so \`containerlings aws cleanup\` will not find it." >&2
    fi
  fi
  rm -f "$out"
  exit "$code"
fi
if [ "$service" != ecr ]; then exec "$real" "$@"; fi
export AWS_ACCESS_KEY_ID=@AWS_ACCESS_KEY_ID@ AWS_SECRET_ACCESS_KEY=@AWS_SECRET_ACCESS_KEY@
unset AWS_SESSION_TOKEN AWS_PROFILE
export AWS_DEFAULT_REGION="${AWS_REGION:-${AWS_DEFAULT_REGION:-us-east-1}}"
exec "$real" --endpoint-url "${CONTAINERLINGS_ECR_ENDPOINT:-@ENDPOINT@}" "$@"
