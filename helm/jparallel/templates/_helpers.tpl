{{/*
Names, labels and the pieces every JParallel workload shares: image, environment, probes, volumes.
*/}}

{{- define "jparallel.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* <release>-jparallel, or the release name if it already contains the chart name; at most 40 characters,
so that "<fullname>-postgresql-0" and the like stay valid names. */}}
{{- define "jparallel.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 40 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 40 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "jparallel.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every resource. */}}
{{- define "jparallel.labels" -}}
helm.sh/chart: {{ include "jparallel.chart" . }}
app.kubernetes.io/name: {{ include "jparallel.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: jparallel
{{- end }}

{{/* Selector labels of one component: (dict "ctx" $ "component" "engine") */}}
{{- define "jparallel.selectorLabels" -}}
app.kubernetes.io/name: {{ include "jparallel.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* All labels of one component's resources: (dict "ctx" $ "component" "engine") */}}
{{- define "jparallel.componentLabels" -}}
{{ include "jparallel.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* The cluster id: clusterId, or the release name. */}}
{{- define "jparallel.clusterId" -}}
{{- $id := default .Release.Name .Values.clusterId }}
{{- if not (regexMatch "^[A-Za-z0-9_-]+$" $id) }}
{{- fail (printf "clusterId %q: use letters, digits, '_' and '-' only" $id) }}
{{- end }}
{{- $id }}
{{- end }}

{{/* The image of a service: (dict "ctx" $ "service" "engine-service" "values" .Values.engines) */}}
{{- define "jparallel.image" -}}
{{- $image := .ctx.Values.image }}
{{- $own := .values.image | default dict }}
{{- $registry := $own.registry | default $image.registry }}
{{- $repository := $own.repository | default (printf "%s%s" $image.repositoryPrefix .service) }}
{{- $tag := $own.tag | default $image.tag | default .ctx.Chart.AppVersion }}
{{- if $registry }}
{{- printf "%s/%s:%s" $registry $repository $tag }}
{{- else }}
{{- printf "%s:%s" $repository $tag }}
{{- end }}
{{- end }}

{{- define "jparallel.imagePullPolicy" -}}
{{- $own := .values.image | default dict }}
{{- $own.pullPolicy | default .ctx.Values.image.pullPolicy }}
{{- end }}

{{/* A third-party image (rabbitmq, postgresql): registry/repository:tag */}}
{{- define "jparallel.thirdPartyImage" -}}
{{- if .registry }}
{{- printf "%s/%s:%s" .registry .repository (toString .tag) }}
{{- else }}
{{- printf "%s:%s" .repository (toString .tag) }}
{{- end }}
{{- end }}

{{- define "jparallel.registryUrl" -}}
{{- printf "http://%s-registry:%d/eureka/" (include "jparallel.fullname" .) (int .Values.registry.port) }}
{{- end }}

{{- define "jparallel.hubUrl" -}}
{{- printf "http://%s-hub:%d" (include "jparallel.fullname" .) (int .Values.hub.port) }}
{{- end }}

{{/* The broker's host as the cluster's pods reach it (bundled) */}}
{{- define "jparallel.rabbitmqHost" -}}
{{- printf "%s-rabbitmq" (include "jparallel.fullname" .) }}
{{- end }}

{{/* Where the pods find the config-repo, the engine connection file and their working directory; the same
properties jpcluster passes as -D options (ServiceCommand). */}}
{{- define "jparallel.configRepoDir" -}}/etc/jparallel/config-repo{{- end }}
{{- define "jparallel.securityDir" -}}/etc/jparallel/security{{- end }}
{{- define "jparallel.profileDir" -}}/var/lib/jparallel{{- end }}

{{/*
The environment of a JParallel container: (dict "ctx" $ "values" .Values.engines "properties" (dict ...))
"properties" are extra Spring properties passed whole in SPRING_APPLICATION_JSON (map keys such as Eureka's
defaultZone keep their case there, which environment variable names would not).
*/}}
{{- define "jparallel.env" -}}
{{- $ctx := .ctx }}
{{- $properties := dict "eureka" (dict "client" (dict "service-url" (dict "defaultZone" (include "jparallel.registryUrl" $ctx)))) }}
{{- $properties = mergeOverwrite $properties (.properties | default dict) -}}
- name: JAVA_OPTS
  value: {{ .values.javaOpts | quote }}
- name: SERVER_PORT
  value: {{ .values.port | quote }}
- name: JPARALLEL_CONFIG_REPO
  value: {{ include "jparallel.configRepoDir" $ctx }}
- name: JPARALLEL_CONNECTION_FILE
  value: {{ include "jparallel.securityDir" $ctx }}/jparallel-engine.json
- name: JPARALLEL_PROFILE_DIR
  value: {{ include "jparallel.profileDir" $ctx }}
- name: JPARALLEL_CLUSTER_ID
  value: {{ include "jparallel.clusterId" $ctx | quote }}
- name: POD_NAME
  valueFrom:
    fieldRef:
      fieldPath: metadata.name
- name: POD_IP
  valueFrom:
    fieldRef:
      fieldPath: status.podIP
# Eureka: each instance registers under its pod's name and address (config-repo says 127.0.0.1, for one machine)
- name: EUREKA_INSTANCE_INSTANCEID
  value: "$(POD_NAME)"
- name: EUREKA_INSTANCE_IPADDRESS
  value: "$(POD_IP)"
- name: SPRING_APPLICATION_JSON
  value: {{ $properties | toJson | quote }}
{{- with .values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Volume mounts of a JParallel container. */}}
{{- define "jparallel.volumeMounts" -}}
- name: config-repo
  mountPath: {{ include "jparallel.configRepoDir" . }}
  readOnly: true
- name: connection
  mountPath: {{ include "jparallel.securityDir" . }}
  readOnly: true
- name: data
  mountPath: {{ include "jparallel.profileDir" . }}
- name: tmp
  mountPath: /tmp
{{- end }}

{{/* Volumes of a JParallel pod; "data" is added by the caller (an emptyDir, or the hub's claim). */}}
{{- define "jparallel.volumes" -}}
- name: config-repo
  configMap:
    name: {{ include "jparallel.fullname" . }}-config-repo
- name: connection
  secret:
    secretName: {{ include "jparallel.fullname" . }}-cluster
    defaultMode: 0400
    items:
      - key: jparallel-engine.json
        path: jparallel-engine.json
- name: tmp
  emptyDir: {}
{{- end }}

{{/* HTTP port and probes on the actuator's health groups (config-repo/application.yml enables them). */}}
{{- define "jparallel.httpPortAndProbes" -}}
{{- $probes := .ctx.Values.probes -}}
ports:
  - name: http
    containerPort: {{ .values.port }}
    protocol: TCP
startupProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ $probes.startup.periodSeconds }}
  failureThreshold: {{ $probes.startup.failureThreshold }}
livenessProbe:
  httpGet:
    path: /actuator/health/liveness
    port: http
  periodSeconds: {{ $probes.liveness.periodSeconds }}
  timeoutSeconds: {{ $probes.liveness.timeoutSeconds }}
  failureThreshold: {{ $probes.liveness.failureThreshold }}
readinessProbe:
  httpGet:
    path: /actuator/health/readiness
    port: http
  periodSeconds: {{ $probes.readiness.periodSeconds }}
  timeoutSeconds: {{ $probes.readiness.timeoutSeconds }}
  failureThreshold: {{ $probes.readiness.failureThreshold }}
{{- end }}

{{/* Pod annotations: scrape hints, the config-repo checksum (a changed config-repo restarts the pods), extras. */}}
{{- define "jparallel.podAnnotations" -}}
checksum/config-repo: {{ include (print .ctx.Template.BasePath "/configmap-config-repo.yaml") .ctx | sha256sum }}
{{- if .ctx.Values.metrics.podAnnotations }}
prometheus.io/scrape: "true"
prometheus.io/path: /actuator/prometheus
prometheus.io/port: {{ .values.port | quote }}
{{- end }}
{{- with .ctx.Values.podAnnotations }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Scheduling constraints of a component's pod. */}}
{{- define "jparallel.scheduling" -}}
{{- with .values.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .values.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}

{{/* The hub's database mode, checked. */}}
{{- define "jparallel.databaseMode" -}}
{{- $mode := .Values.hub.database.mode }}
{{- if not (has $mode (list "h2" "postgres")) }}
{{- fail (printf "hub.database.mode %q: use h2 or postgres" $mode) }}
{{- end }}
{{- if and (eq $mode "postgres") (not .Values.postgresql.enabled) (not .Values.postgresql.external.url) }}
{{- fail "hub.database.mode=postgres needs postgresql.enabled=true or postgresql.external.url" }}
{{- end }}
{{- $mode }}
{{- end }}
