/**
 * Tests of the Helm chart in {@code helm/jparallel}: {@code helm lint} and {@code helm template} in process
 * (helm-java), and every rendered manifest checked against the Kubernetes API model.
 */
package io.jparallel.helm;
