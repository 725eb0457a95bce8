"""Verb handlers of resource requests: get/list/create/update/patch/delete, and watch."""
